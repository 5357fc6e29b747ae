CREATE TABLE "incident_second_codings" (
	"incident_id" uuid PRIMARY KEY NOT NULL,
	"coder_user_id" uuid,
	"coded_by" text NOT NULL,
	"direction" text NOT NULL,
	"strength" smallint NOT NULL,
	"dimensions" text[] NOT NULL,
	"themes" text[] NOT NULL,
	"trigger" text DEFAULT '' NOT NULL,
	"small_big_thing" boolean DEFAULT false NOT NULL,
	"contract_scope" text,
	"coded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_second_codings_direction_valid" CHECK ("incident_second_codings"."direction" in ('builds', 'dilutes')),
	CONSTRAINT "incident_second_codings_strength_range" CHECK ("incident_second_codings"."strength" between 1 and 3),
	CONSTRAINT "incident_second_codings_contract_scope_valid" CHECK ("incident_second_codings"."contract_scope" in ('within', 'beyond', 'breach'))
);
--> statement-breakpoint
CREATE TABLE "interview_guides" (
	"workspace_id" uuid NOT NULL,
	"level" text NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interview_guides_workspace_id_level_pk" PRIMARY KEY("workspace_id","level"),
	CONSTRAINT "interview_guides_level_valid" CHECK ("interview_guides"."level" in ('leadership', 'operational', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "open_answer_themes" (
	"response_id" uuid NOT NULL,
	"question_code" text NOT NULL,
	"theme" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "open_answer_themes_response_id_question_code_theme_pk" PRIMARY KEY("response_id","question_code","theme")
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"interview_id" uuid,
	"text" text NOT NULL,
	"side" text NOT NULL,
	"level" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quotes_side_valid" CHECK ("quotes"."side" in ('A', 'B')),
	CONSTRAINT "quotes_level_valid" CHECK ("quotes"."level" in ('leadership', 'operational', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "relationship_summaries" (
	"relationship_id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"summary" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sponsor_grants" (
	"user_id" uuid NOT NULL,
	"relationship_id" uuid NOT NULL,
	"side" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sponsor_grants_user_id_relationship_id_pk" PRIMARY KEY("user_id","relationship_id"),
	CONSTRAINT "sponsor_grants_side_valid" CHECK ("sponsor_grants"."side" in ('A', 'B'))
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "interview_id" uuid;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "source_passage" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "trigger" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "small_big_thing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "contract_scope" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "transcript" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "status" text DEFAULT 'held' NOT NULL;--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "results_released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incident_second_codings" ADD CONSTRAINT "incident_second_codings_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_second_codings" ADD CONSTRAINT "incident_second_codings_coder_user_id_users_id_fk" FOREIGN KEY ("coder_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview_guides" ADD CONSTRAINT "interview_guides_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_answer_themes" ADD CONSTRAINT "open_answer_themes_answer_fk" FOREIGN KEY ("response_id","question_code") REFERENCES "public"."open_answers"("response_id","question_code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_summaries" ADD CONSTRAINT "relationship_summaries_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsor_grants" ADD CONSTRAINT "sponsor_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sponsor_grants" ADD CONSTRAINT "sponsor_grants_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quotes_relationship_idx" ON "quotes" USING btree ("relationship_id");--> statement-breakpoint
CREATE INDEX "sponsor_grants_relationship_idx" ON "sponsor_grants" USING btree ("relationship_id");--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_contract_scope_valid" CHECK ("incidents"."contract_scope" in ('within', 'beyond', 'breach'));--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_status_valid" CHECK ("interviews"."status" in ('scheduled', 'held'));