-- One row: this installation's stable id. Servers and VNIs we create carry the user tag
-- `nvo-installation:<id>`, which is how the orchestrator tells its resources from anyone else's.
CREATE TABLE "Installation" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "installationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Installation_single_row" CHECK ("id" = 1)
);

INSERT INTO "Installation" ("id", "installationId") VALUES (1, gen_random_uuid()::text);
