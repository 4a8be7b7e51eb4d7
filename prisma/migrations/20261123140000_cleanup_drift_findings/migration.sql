-- CreateTable
CREATE TABLE "DriftFinding" (
    "id" SERIAL NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "resourceKind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cloudId" TEXT,
    "subnetId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "detail" TEXT,
    "details" JSONB,
    "profile" TEXT,
    "cloudResourceId" TEXT,
    "nodeId" INTEGER,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cloudCreatedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "DriftFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DriftFinding_status_firstSeenAt_idx" ON "DriftFinding"("status", "firstSeenAt");

-- CreateIndex
CREATE INDEX "DriftFinding_fingerprint_idx" ON "DriftFinding"("fingerprint");

-- Partial unique index (not expressible in schema.prisma): one unresolved finding per fingerprint.
CREATE UNIQUE INDEX "DriftFinding_live_fingerprint_key" ON "DriftFinding"("fingerprint") WHERE "status" <> 'resolved';
