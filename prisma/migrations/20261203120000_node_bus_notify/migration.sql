-- Every change of a node that a cache or a live view depends on is published on the notification
-- bus (lib/bus, channel nvo_bus, topic `node`) by PostgreSQL itself, in the changing transaction:
-- whoever changes a node (any process, any instance, Prisma or raw SQL) cannot forget to publish.
-- Bookkeeping columns (lastSeenAt, lastFetch, updatedAt) do not count. `version` counts the
-- changes that do, for writers that check "unchanged since I read it".
ALTER TABLE "Node" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION nvo_node_bus() RETURNS trigger AS $$
DECLARE
  ignored text[] := ARRAY['lastSeenAt', 'lastFetch', 'updatedAt', 'version'];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('nvo_bus', json_build_object('topic', 'node', 'data', json_build_object(), 'origin', 'postgres')::text);
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('nvo_bus', json_build_object('topic', 'node', 'data', json_build_object('nodeId', OLD.id), 'origin', 'postgres')::text);
    RETURN OLD;
  END IF;
  IF (to_jsonb(NEW) - ignored) IS DISTINCT FROM (to_jsonb(OLD) - ignored) THEN
    NEW."version" := OLD."version" + 1;
    PERFORM pg_notify('nvo_bus', json_build_object('topic', 'node', 'data', json_build_object('nodeId', NEW.id), 'origin', 'postgres')::text);
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Node_bus_update" BEFORE UPDATE ON "Node" FOR EACH ROW EXECUTE FUNCTION nvo_node_bus();
CREATE TRIGGER "Node_bus_delete" AFTER DELETE ON "Node" FOR EACH ROW EXECUTE FUNCTION nvo_node_bus();
CREATE TRIGGER "Node_bus_truncate" AFTER TRUNCATE ON "Node" FOR EACH STATEMENT EXECUTE FUNCTION nvo_node_bus();
