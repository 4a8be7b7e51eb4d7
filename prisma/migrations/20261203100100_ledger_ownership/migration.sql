-- Ownership rules for the ledger (lib/ledger/ledger.ts): a same-name cloud object is adopted only
-- when a row records its cloud id, or when the row's create may have been sent (`createSent`) and
-- the object has exactly the recorded attributes. Rows written before these rules are brought in:

-- A live row without a cloud id may have sent its create before a crash: let a resumed step or a
-- cleanup find it (by name and the recorded attributes).
UPDATE "CloudResource"
SET "details" = COALESCE("details", '{}'::jsonb) || '{"createSent": true}'::jsonb
WHERE "state" <> 'deleted' AND "cloudId" IS NULL;

-- DNS rows record the exact rdata: from the tracked record where there is one...
UPDATE "CloudResource" c
SET "details" = COALESCE(c."details", '{}'::jsonb) || jsonb_build_object('rdata', d."rdata")
FROM "DnsRecord" d
WHERE c."kind" = 'dns_record' AND c."cloudId" IS NOT NULL AND d."cloudId" = c."cloudId"
  AND NOT (COALESCE(c."details", '{}'::jsonb) ? 'rdata');

-- ...else an A row's address is its rdata.
UPDATE "CloudResource"
SET "details" = COALESCE("details", '{}'::jsonb) || jsonb_build_object('rdata', "address")
WHERE "kind" = 'dns_record' AND "details"->>'type' = 'A' AND "address" IS NOT NULL
  AND NOT (COALESCE("details", '{}'::jsonb) ? 'rdata');
