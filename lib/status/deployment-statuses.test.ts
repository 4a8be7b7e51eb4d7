import { describe, expect, it } from 'vitest';
import {
  DEPLOYMENT_STATUSES, deploymentTag, FINISHED_DEPLOYMENT_STATUSES, isFinishedDeployment, OPEN_DEPLOYMENT_STATUSES, UNFINISHED_DEPLOYMENT_STATUSES,
} from './deployment-statuses';

describe('the deployment status table', () => {
  it('derives the open, finished and unfinished sets', () => {
    expect(DEPLOYMENT_STATUSES).toEqual(['pending', 'running', 'compensating', 'succeeded', 'failed', 'cancelled']);
    expect(OPEN_DEPLOYMENT_STATUSES).toEqual(['pending', 'running']);
    expect(FINISHED_DEPLOYMENT_STATUSES).toEqual(['succeeded', 'failed', 'cancelled']);
    expect(UNFINISHED_DEPLOYMENT_STATUSES).toEqual(['pending', 'running', 'compensating']);
  });

  it('answers for known statuses only', () => {
    expect(isFinishedDeployment('cancelled')).toBe(true);
    expect(isFinishedDeployment('compensating')).toBe(false);
    expect(isFinishedDeployment('valueOf')).toBe(false);
    expect(deploymentTag('succeeded')).toBe('green');
    expect(deploymentTag('started')).toBeUndefined();
    expect(deploymentTag('toString')).toBeUndefined();
  });
});
