-- Server-side list pages (issue 13 item 4): every sortable column of the Nodes, Deployments, Audit
-- and DNS lists has an index ending in the tie-break column, so an ORDER BY ... LIMIT page reads
-- only the rows it shows.
CREATE INDEX "Node_name_id_idx" ON "Node"("name", "id");
CREATE INDEX "Node_phase_id_idx" ON "Node"("phase", "id");
CREATE INDEX "Node_progress_id_idx" ON "Node"("progress", "id");
CREATE INDEX "Node_managementIp_id_idx" ON "Node"("managementIp", "id");
CREATE INDEX "Node_serverProfile_id_idx" ON "Node"("serverProfile", "id");
DROP INDEX "Node_name_idx";
DROP INDEX "Node_managementIp_idx";

CREATE INDEX "Deployment_createdAt_id_idx" ON "Deployment"("createdAt", "id");
CREATE INDEX "Deployment_finishedAt_createdAt_idx" ON "Deployment"("finishedAt", "createdAt");
DROP INDEX "Deployment_createdAt_idx";

CREATE INDEX "AuditLog_action_id_idx" ON "AuditLog"("action", "id");
CREATE INDEX "AuditLog_actorLabel_id_idx" ON "AuditLog"("actorLabel", "id");
CREATE INDEX "AuditLog_targetType_id_idx" ON "AuditLog"("targetType", "id");

CREATE INDEX "DnsRecord_zoneId_rdata_idx" ON "DnsRecord"("zoneId", "rdata");

-- The dashboard's phase statistics read the newest completed, timed runs of each phase: a partial
-- index in that order makes it a short index scan per phase instead of a scan of the timeline.
CREATE INDEX "DeploymentEvent_completed_phase_createdAt_idx" ON "DeploymentEvent"("phase", "createdAt" DESC, "id" DESC)
  WHERE "status" = 'completed' AND "durationMs" IS NOT NULL;
