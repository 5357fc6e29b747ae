CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"occurred_on" date NOT NULL,
	"title" text NOT NULL,
	"narrative" text NOT NULL,
	"reporter_side" text NOT NULL,
	"reporter_level" text NOT NULL,
	"sides_involved" text[] NOT NULL,
	"levels_involved" text[] NOT NULL,
	"direction" text NOT NULL,
	"strength" smallint NOT NULL,
	"dimensions" text[] NOT NULL,
	"themes" text[] NOT NULL,
	"source" text NOT NULL,
	"coded_by" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"resolved_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_relationship_ref" UNIQUE("relationship_id","ref"),
	CONSTRAINT "incidents_direction_valid" CHECK ("incidents"."direction" in ('builds', 'dilutes')),
	CONSTRAINT "incidents_strength_range" CHECK ("incidents"."strength" between 1 and 3),
	CONSTRAINT "incidents_reporter_side_valid" CHECK ("incidents"."reporter_side" in ('A', 'B')),
	CONSTRAINT "incidents_reporter_level_valid" CHECK ("incidents"."reporter_level" in ('leadership', 'operational', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "instruments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "instruments_workspace_name_version" UNIQUE("workspace_id","name","version")
);
--> statement-breakpoint
CREATE TABLE "interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"participant_id" uuid,
	"side" text NOT NULL,
	"level" text NOT NULL,
	"held_on" date NOT NULL,
	"interviewer" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interviews_relationship_ref" UNIQUE("relationship_id","ref"),
	CONSTRAINT "interviews_side_valid" CHECK ("interviews"."side" in ('A', 'B')),
	CONSTRAINT "interviews_level_valid" CHECK ("interviews"."level" in ('leadership', 'operational', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "open_answers" (
	"response_id" uuid NOT NULL,
	"question_code" text NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "open_answers_response_id_question_code_pk" PRIMARY KEY("response_id","question_code")
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"respondent_key" text NOT NULL,
	"side" text NOT NULL,
	"level" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participants_relationship_respondent_key" UNIQUE("relationship_id","respondent_key"),
	CONSTRAINT "participants_side_valid" CHECK ("participants"."side" in ('A', 'B')),
	CONSTRAINT "participants_level_valid" CHECK ("participants"."level" in ('leadership', 'operational', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"anonymity_threshold" smallint DEFAULT 3 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationships_threshold_range" CHECK ("relationships"."anonymity_threshold" between 3 and 10)
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"wave_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"side" text NOT NULL,
	"level" text NOT NULL,
	"answers" jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "responses_wave_participant" UNIQUE("wave_id","participant_id"),
	CONSTRAINT "responses_side_valid" CHECK ("responses"."side" in ('A', 'B')),
	CONSTRAINT "responses_level_valid" CHECK ("responses"."level" in ('leadership', 'operational', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "sides" (
	"relationship_id" uuid NOT NULL,
	"side" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "sides_relationship_id_side_pk" PRIMARY KEY("relationship_id","side"),
	CONSTRAINT "sides_side_valid" CHECK ("sides"."side" in ('A', 'B'))
);
--> statement-breakpoint
CREATE TABLE "waves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"label" text NOT NULL,
	"position" smallint NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"instrument_id" uuid NOT NULL,
	"anonymity_threshold" smallint NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waves_relationship_label" UNIQUE("relationship_id","label"),
	CONSTRAINT "waves_dates_ordered" CHECK ("waves"."opens_on" <= "waves"."closes_on"),
	CONSTRAINT "waves_status_valid" CHECK ("waves"."status" in ('draft', 'open', 'closed')),
	CONSTRAINT "waves_threshold_range" CHECK ("waves"."anonymity_threshold" between 3 and 10)
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"stage_gates" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_answers" ADD CONSTRAINT "open_answers_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sides" ADD CONSTRAINT "sides_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waves" ADD CONSTRAINT "waves_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waves" ADD CONSTRAINT "waves_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relationships_workspace_idx" ON "relationships" USING btree ("workspace_id");