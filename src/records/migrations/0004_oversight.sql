CREATE TABLE "board_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"board" text NOT NULL,
	"held_on" date NOT NULL,
	"decision" text NOT NULL,
	"note" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer,
	CONSTRAINT "board_reviews_decision_known" CHECK ("board_reviews"."decision" in ('approve_closure', 'decline_closure', 'noted', 'deferred'))
);
--> statement-breakpoint
CREATE TABLE "challenges" (
	"id" serial PRIMARY KEY NOT NULL,
	"question" text NOT NULL,
	"raised_by" text NOT NULL,
	"raised_by_user_id" integer,
	"raised_on" date NOT NULL,
	"owner_user_id" integer,
	"due_on" date,
	"response" text,
	"responded_on" date,
	"status" text NOT NULL,
	"meeting_id" integer,
	"measure_id" text,
	"exception" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "challenges_status_known" CHECK ("challenges"."status" in ('open', 'answered', 'closed', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" serial PRIMARY KEY NOT NULL,
	"received_on" date NOT NULL,
	"recorded_on" date,
	"summary" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"outcome_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaints_status_known" CHECK ("complaints"."status" in ('received', 'recorded', 'not_recorded', 'informal_resolution', 'resolved', 'withdrawn', 'referred_iopc'))
);
--> statement-breakpoint
CREATE TABLE "consultation_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"priority_id" integer,
	"received_on" date NOT NULL,
	"channel" text NOT NULL,
	"respondent_type" text NOT NULL,
	"summary" text NOT NULL,
	"support" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "dated_areas" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" integer,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"succeeded_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dated_areas_kind_known" CHECK ("dated_areas"."kind" in ('force', 'lpa')),
	CONSTRAINT "dated_areas_dates" CHECK ("dated_areas"."valid_to" is null or "dated_areas"."valid_to" > "dated_areas"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "delivery_updates" (
	"id" serial PRIMARY KEY NOT NULL,
	"commitment_id" integer NOT NULL,
	"quarter" text NOT NULL,
	"status" text NOT NULL,
	"narrative" text NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"due_on" date,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" integer,
	CONSTRAINT "delivery_updates_one_per_quarter" UNIQUE("commitment_id","quarter"),
	CONSTRAINT "delivery_updates_status_known" CHECK ("delivery_updates"."status" in ('complete', 'on_track', 'some_concerns', 'off_track', 'not_started'))
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" serial PRIMARY KEY NOT NULL,
	"subject" text NOT NULL,
	"due_on" date NOT NULL,
	"owner_user_id" integer,
	"escalated_to_user_id" integer,
	"escalated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "escalations_once" UNIQUE("subject","due_on")
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"evidence_id" integer,
	"subject" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"added_by" integer
);
--> statement-breakpoint
CREATE TABLE "finding_rag" (
	"finding_id" integer PRIMARY KEY NOT NULL,
	"rag" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	"set_by" integer,
	CONSTRAINT "finding_rag_known" CHECK ("finding_rag"."rag" in ('red', 'amber', 'green'))
);
--> statement-breakpoint
CREATE TABLE "meeting_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"text" text NOT NULL,
	"owner_user_id" integer,
	"due_on" date,
	"status" text NOT NULL,
	"done_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meeting_actions_status_known" CHECK ("meeting_actions"."status" in ('open', 'done', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"subject" text NOT NULL,
	"held_on" date NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"papers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"notes_published_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meetings_type_known" CHECK ("meetings"."type" in ('assurance_accountability', 'thematic', 'public', 'performance'))
);
--> statement-breakpoint
CREATE TABLE "plan_commitments" (
	"id" serial PRIMARY KEY NOT NULL,
	"priority_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"text" text NOT NULL,
	"owner" text NOT NULL,
	"lead_user_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_commitments_owner_known" CHECK ("plan_commitments"."owner" in ('policing_body', 'chief_constable'))
);
--> statement-breakpoint
CREATE TABLE "plan_measure_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"commitment_id" integer,
	"outcome_id" integer,
	"measure_id" text NOT NULL,
	CONSTRAINT "plan_measure_links_one_target" CHECK (("plan_measure_links"."commitment_id" is null) <> ("plan_measure_links"."outcome_id" is null))
);
--> statement-breakpoint
CREATE TABLE "plan_objectives" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_outcomes" (
	"id" serial PRIMARY KEY NOT NULL,
	"priority_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_priorities" (
	"id" serial PRIMARY KEY NOT NULL,
	"objective_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"body_id" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subject" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" integer,
	"via" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "response_extras" (
	"response_id" integer PRIMARY KEY NOT NULL,
	"chief_officer_invited_on" date,
	"chief_officer_comments" text DEFAULT '' NOT NULL,
	"body_reply" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_lines" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"line_user_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_programme_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"meeting_on" date,
	"papers_requested" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "board_reviews" ADD CONSTRAINT "board_reviews_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_reviews" ADD CONSTRAINT "board_reviews_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_raised_by_user_id_users_id_fk" FOREIGN KEY ("raised_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_priority_id_plan_priorities_id_fk" FOREIGN KEY ("priority_id") REFERENCES "public"."plan_priorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dated_areas" ADD CONSTRAINT "dated_areas_parent_id_dated_areas_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."dated_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dated_areas" ADD CONSTRAINT "dated_areas_succeeded_by_dated_areas_id_fk" FOREIGN KEY ("succeeded_by") REFERENCES "public"."dated_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_updates" ADD CONSTRAINT "delivery_updates_commitment_id_plan_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."plan_commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_updates" ADD CONSTRAINT "delivery_updates_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_escalated_to_user_id_users_id_fk" FOREIGN KEY ("escalated_to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_rag" ADD CONSTRAINT "finding_rag_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_rag" ADD CONSTRAINT "finding_rag_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_actions" ADD CONSTRAINT "meeting_actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_commitments" ADD CONSTRAINT "plan_commitments_priority_id_plan_priorities_id_fk" FOREIGN KEY ("priority_id") REFERENCES "public"."plan_priorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_commitments" ADD CONSTRAINT "plan_commitments_lead_user_id_users_id_fk" FOREIGN KEY ("lead_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_links" ADD CONSTRAINT "plan_measure_links_commitment_id_plan_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."plan_commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_links" ADD CONSTRAINT "plan_measure_links_outcome_id_plan_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."plan_outcomes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objectives" ADD CONSTRAINT "plan_objectives_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_outcomes" ADD CONSTRAINT "plan_outcomes_priority_id_plan_priorities_id_fk" FOREIGN KEY ("priority_id") REFERENCES "public"."plan_priorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_priorities" ADD CONSTRAINT "plan_priorities_objective_id_plan_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."plan_objectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_extras" ADD CONSTRAINT "response_extras_response_id_finding_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."finding_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_lines" ADD CONSTRAINT "user_lines_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_lines" ADD CONSTRAINT "user_lines_line_user_id_users_id_fk" FOREIGN KEY ("line_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;