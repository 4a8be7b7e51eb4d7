-- The `node` bus message also carries the node's new version, so a cache that already holds that
-- version (the writer's own) keeps it, and whether its boot token changed, so the token cache
-- keeps its entry through phase reports (lib/bus/cache.ts, lib/auth/node-tokens.ts).
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
    PERFORM pg_notify('nvo_bus', json_build_object('topic', 'node', 'data',
      json_build_object('nodeId', NEW.id, 'version', NEW."version",
                        'tokenChanged', NEW."bootTokenHash" IS DISTINCT FROM OLD."bootTokenHash"), 'origin', 'postgres')::text);
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
