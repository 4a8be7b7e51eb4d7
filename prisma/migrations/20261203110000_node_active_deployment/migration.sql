-- One workflow per node: the deployment that currently owns the node. Workflows take it and give
-- it back by compare-and-set; every step re-checks it before acting.
ALTER TABLE "Node" ADD COLUMN "activeDeploymentId" TEXT;
CREATE INDEX "Node_activeDeploymentId_idx" ON "Node"("activeDeploymentId");

-- Backfill from the deployments running now: a cleanup wins over the provision or reinitialize it
-- cancelled, otherwise the newest unfinished node deployment owns the node.
UPDATE "Node" n SET "activeDeploymentId" = (
  SELECT d."id" FROM "Deployment" d
  WHERE d."nodeId" = n."id" AND d."status" IN ('pending', 'running', 'compensating')
    AND d."kind" IN ('provision', 'reinitialize', 'cleanup')
  ORDER BY (d."kind" = 'cleanup') DESC, d."createdAt" DESC
  LIMIT 1
);
