CREATE TABLE "finding_evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"text" text NOT NULL,
	"link" text,
	"covers_on" date NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"added_by" integer
);
--> statement-breakpoint
CREATE TABLE "finding_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" integer,
	"via" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "finding_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"status" text NOT NULL,
	"due_on" date NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"published_on" date,
	"copies_to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "finding_responses_source_id_unique" UNIQUE("source_id"),
	CONSTRAINT "finding_responses_status_known" CHECK ("finding_responses"."status" in ('draft', 'approved', 'published'))
);
--> statement-breakpoint
CREATE TABLE "finding_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"report_kind" text,
	"published_on" date NOT NULL,
	"url" text,
	"peel_grades" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"ref" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"scope" text NOT NULL,
	"due_immediately" boolean DEFAULT false NOT NULL,
	"due_on" date,
	"lead_user_id" integer,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "findings_kind_known" CHECK ("findings"."kind" in ('recommendation', 'area_for_improvement', 'cause_of_concern')),
	CONSTRAINT "findings_scope_known" CHECK ("findings"."scope" in ('national', 'force')),
	CONSTRAINT "findings_status_known" CHECK ("findings"."status" in ('awaiting_allocation', 'allocated', 'in_progress', 'evidence_submitted', 'approved_for_closure', 'closed', 'superseded')),
	CONSTRAINT "findings_due_one_way" CHECK (not ("findings"."due_immediately" and "findings"."due_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "policing_bodies" (
	"id" serial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"role_titles" jsonb NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"succeeded_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "policing_bodies_type_known" CHECK ("policing_bodies"."type" in ('pcc', 'pfcc', 'mayor', 'board')),
	CONSTRAINT "policing_bodies_dates" CHECK ("policing_bodies"."valid_to" is null or "policing_bodies"."valid_to" > "policing_bodies"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "response_items" (
	"response_id" integer NOT NULL,
	"finding_id" integer NOT NULL,
	"position" text,
	"planned_action" text DEFAULT '' NOT NULL,
	CONSTRAINT "response_items_response_id_finding_id_pk" PRIMARY KEY("response_id","finding_id")
);
--> statement-breakpoint
ALTER TABLE "finding_evidence" ADD CONSTRAINT "finding_evidence_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_history" ADD CONSTRAINT "finding_history_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_responses" ADD CONSTRAINT "finding_responses_source_id_finding_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."finding_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_source_id_finding_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."finding_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_lead_user_id_users_id_fk" FOREIGN KEY ("lead_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policing_bodies" ADD CONSTRAINT "policing_bodies_succeeded_by_policing_bodies_id_fk" FOREIGN KEY ("succeeded_by") REFERENCES "public"."policing_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_items" ADD CONSTRAINT "response_items_response_id_finding_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."finding_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_items" ADD CONSTRAINT "response_items_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;