import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderScriptTemplate, SCRIPT_PLACEHOLDERS, UnknownPlaceholderError } from './install-scripts';

describe('renderScriptTemplate', () => {
  it('fills placeholders and strips shell metacharacters from values', () => {
    expect(renderScriptTemplate("A='{{a}}' B='{{ b }}'", { a: "x'; rm -rf /", b: 10 })).toBe("A='xrm-rf/' B='10'");
  });

  it('refuses a template with a placeholder it has no value for', () => {
    expect(() => renderScriptTemplate('{{nope}}', {})).toThrow(UnknownPlaceholderError);
  });

  it('renders every shipped installer script with the node values', async () => {
    const dir = path.join(import.meta.dirname, 'scripts');
    const values = Object.fromEntries(SCRIPT_PLACEHOLDERS.map((name) => [name, 'v']));
    for (const file of await readdir(dir)) {
      const text = renderScriptTemplate(await readFile(path.join(dir, file), 'utf8'), values);
      expect(text, file).not.toMatch(/\{\{/);
      expect(text.startsWith('#!/bin/sh'), file).toBe(true);
    }
  });
});
