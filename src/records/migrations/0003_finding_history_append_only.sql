-- A finding's history is its timeline of who changed what, before and after: like the audit
-- log it is append-only at the database, whoever connects. Rows are only ever inserted.
CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER finding_history_no_change BEFORE UPDATE OR DELETE ON finding_history
  FOR EACH ROW EXECUTE FUNCTION history_append_only();
--> statement-breakpoint
CREATE TRIGGER finding_history_no_truncate BEFORE TRUNCATE ON finding_history
  FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();
