-- The node's current boot token, sealed (AES-256-GCM, key derived from AUTH_SECRET), so that an
-- admin can be shown the chain URL a server boots from. The hash in "bootTokenHash" stays the
-- only thing authentication uses.
ALTER TABLE "Node" ADD COLUMN "bootTokenSealed" TEXT;
