-- Initial data model (mirrors prisma/schema.prisma; written in the SQL Prisma would emit).

CREATE TABLE "Node" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "serverProfile" TEXT NOT NULL,
    "storageTemplate" TEXT,
    "clusterRole" TEXT NOT NULL DEFAULT 'compute-storage',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "phase" TEXT,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "statusMessage" TEXT,
    "failureReason" TEXT,
    "failedStep" TEXT,
    "managementIp" TEXT,
    "ahvIp" TEXT,
    "cvmIp" TEXT,
    "workloadIp" TEXT,
    "bareMetalId" TEXT,
    "managementVniId" TEXT,
    "workloadVniId" TEXT,
    "bootTokenHash" TEXT,
    "bootTokenAt" TIMESTAMP(3),
    "networkConfig" JSONB,
    "clusterConfig" JSONB,
    "nutanixConfig" JSONB,
    "lastSeenAt" TIMESTAMP(3),
    "lastFetch" TEXT,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deployedAt" TIMESTAMP(3),
    "clusterId" INTEGER,
    CONSTRAINT "Node_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Cluster" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "redundancyFactor" INTEGER NOT NULL DEFAULT 1,
    "clusterIp" TEXT,
    "dataServicesIp" TEXT,
    "dnsServers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" TEXT NOT NULL DEFAULT 'pending',
    "failureReason" TEXT,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "readyAt" TIMESTAMP(3),
    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "currentStep" TEXT,
    "error" TEXT,
    "plan" JSONB,
    "requestedBy" TEXT,
    "nodeId" INTEGER,
    "clusterId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "DeploymentStep" (
    "id" SERIAL NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "output" JSONB,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "DeploymentStep_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "DeploymentEvent" (
    "id" SERIAL NOT NULL,
    "deploymentId" TEXT,
    "nodeId" INTEGER,
    "clusterId" INTEGER,
    "phase" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT,
    "source" TEXT NOT NULL,
    "progress" INTEGER,
    "durationMs" INTEGER,
    "details" JSONB,
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeploymentEvent_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "CloudResource" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cloudId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'intent',
    "subnetId" TEXT,
    "address" TEXT,
    "details" JSONB,
    "nodeId" INTEGER,
    "clusterId" INTEGER,
    "deploymentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    CONSTRAINT "CloudResource_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "IpAllocation" (
    "id" SERIAL NOT NULL,
    "subnetId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "nodeId" INTEGER,
    "clusterId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releasedAt" TIMESTAMP(3),
    CONSTRAINT "IpAllocation_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "DnsRecord" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "rdata" TEXT NOT NULL,
    "ttl" INTEGER NOT NULL DEFAULT 300,
    "zoneId" TEXT NOT NULL,
    "cloudId" TEXT,
    "owner" TEXT NOT NULL,
    "nodeId" INTEGER,
    "clusterId" INTEGER,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DnsRecord_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "BootImage" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "description" TEXT,
    "registeredBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "BootImage_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL DEFAULT 'viewer',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastLoginAt" TIMESTAMP(3),
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "sourceIp" TEXT,
    "requestId" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'success',
    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "resetAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "Node_status_id_idx" ON "Node"("status", "id");
CREATE INDEX "Node_name_idx" ON "Node"("name");
CREATE INDEX "Node_managementIp_idx" ON "Node"("managementIp");
CREATE INDEX "Node_createdAt_idx" ON "Node"("createdAt");
CREATE INDEX "Node_clusterId_idx" ON "Node"("clusterId");
CREATE INDEX "Node_bootTokenHash_idx" ON "Node"("bootTokenHash");
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");
CREATE INDEX "Cluster_status_idx" ON "Cluster"("status");
CREATE INDEX "Deployment_nodeId_createdAt_idx" ON "Deployment"("nodeId", "createdAt");
CREATE INDEX "Deployment_clusterId_createdAt_idx" ON "Deployment"("clusterId", "createdAt");
CREATE INDEX "Deployment_status_createdAt_idx" ON "Deployment"("status", "createdAt");
CREATE INDEX "Deployment_kind_createdAt_idx" ON "Deployment"("kind", "createdAt");
CREATE INDEX "Deployment_createdAt_idx" ON "Deployment"("createdAt");
CREATE UNIQUE INDEX "DeploymentStep_deploymentId_name_key" ON "DeploymentStep"("deploymentId", "name");
CREATE INDEX "DeploymentStep_deploymentId_position_idx" ON "DeploymentStep"("deploymentId", "position");
CREATE UNIQUE INDEX "DeploymentEvent_idempotencyKey_key" ON "DeploymentEvent"("idempotencyKey");
CREATE INDEX "DeploymentEvent_nodeId_createdAt_idx" ON "DeploymentEvent"("nodeId", "createdAt");
CREATE INDEX "DeploymentEvent_deploymentId_createdAt_idx" ON "DeploymentEvent"("deploymentId", "createdAt");
CREATE INDEX "DeploymentEvent_clusterId_createdAt_idx" ON "DeploymentEvent"("clusterId", "createdAt");
CREATE INDEX "DeploymentEvent_phase_status_idx" ON "DeploymentEvent"("phase", "status");
CREATE INDEX "DeploymentEvent_createdAt_idx" ON "DeploymentEvent"("createdAt");
CREATE INDEX "CloudResource_kind_name_idx" ON "CloudResource"("kind", "name");
CREATE INDEX "CloudResource_nodeId_createdAt_idx" ON "CloudResource"("nodeId", "createdAt");
CREATE INDEX "CloudResource_clusterId_idx" ON "CloudResource"("clusterId");
CREATE INDEX "CloudResource_deploymentId_idx" ON "CloudResource"("deploymentId");
CREATE INDEX "CloudResource_state_idx" ON "CloudResource"("state");
CREATE INDEX "CloudResource_cloudId_idx" ON "CloudResource"("cloudId");
CREATE INDEX "IpAllocation_subnetId_address_idx" ON "IpAllocation"("subnetId", "address");
CREATE INDEX "IpAllocation_nodeId_idx" ON "IpAllocation"("nodeId");
CREATE INDEX "IpAllocation_clusterId_idx" ON "IpAllocation"("clusterId");
CREATE UNIQUE INDEX "DnsRecord_zoneId_name_type_key" ON "DnsRecord"("zoneId", "name", "type");
CREATE INDEX "DnsRecord_nodeId_idx" ON "DnsRecord"("nodeId");
CREATE INDEX "DnsRecord_clusterId_idx" ON "DnsRecord"("clusterId");
CREATE UNIQUE INDEX "BootImage_name_key" ON "BootImage"("name");
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");
CREATE INDEX "RateLimitBucket_resetAt_idx" ON "RateLimitBucket"("resetAt");

-- Partial unique indexes (not expressible in schema.prisma).
CREATE UNIQUE INDEX "Node_live_name_key" ON "Node"("name") WHERE "status" NOT IN ('cleaned', 'failed');
CREATE UNIQUE INDEX "CloudResource_live_kind_name_key" ON "CloudResource"("kind", "name") WHERE "state" <> 'deleted';
CREATE UNIQUE INDEX "IpAllocation_live_address_key" ON "IpAllocation"("subnetId", "address") WHERE "releasedAt" IS NULL;

ALTER TABLE "Node" ADD CONSTRAINT "Node_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "DeploymentStep" ADD CONSTRAINT "DeploymentStep_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DeploymentEvent" ADD CONSTRAINT "DeploymentEvent_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "DeploymentEvent" ADD CONSTRAINT "DeploymentEvent_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "DeploymentEvent" ADD CONSTRAINT "DeploymentEvent_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "CloudResource" ADD CONSTRAINT "CloudResource_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "CloudResource" ADD CONSTRAINT "CloudResource_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "CloudResource" ADD CONSTRAINT "CloudResource_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "IpAllocation" ADD CONSTRAINT "IpAllocation_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "IpAllocation" ADD CONSTRAINT "IpAllocation_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "DnsRecord" ADD CONSTRAINT "DnsRecord_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "DnsRecord" ADD CONSTRAINT "DnsRecord_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
