-- SSH host keys of CVMs, shared by every instance (was a known_hosts file in one DATA_DIR).
-- A row counts only while its address is allocated to its node and the node has not been
-- reinitialized since (lib/clusters/former/host-keys.ts).
CREATE TABLE "SshHostKey" (
    "address" TEXT NOT NULL,
    "nodeId" INTEGER NOT NULL,
    "keys" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SshHostKey_pkey" PRIMARY KEY ("address"),
    CONSTRAINT "SshHostKey_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
