-- Like finding_history, the timeline of every other accountability item is append-only at the
-- database, whoever connects (history_append_only() is defined in 0003).
CREATE TRIGGER record_history_no_change BEFORE UPDATE OR DELETE ON record_history
  FOR EACH ROW EXECUTE FUNCTION history_append_only();
--> statement-breakpoint
CREATE TRIGGER record_history_no_truncate BEFORE TRUNCATE ON record_history
  FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
