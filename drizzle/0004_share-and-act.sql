CREATE TABLE "action_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workstream_id" uuid NOT NULL,
	"what" text NOT NULL,
	"owner_side" text NOT NULL,
	"owner_participant_id" uuid,
	"owner_user_id" uuid,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_on" date,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actions_owner_side_valid" CHECK ("actions"."owner_side" in ('A', 'B')),
	CONSTRAINT "actions_status_valid" CHECK ("actions"."status" in ('open', 'done', 'dropped')),
	CONSTRAINT "actions_one_owner" CHECK (not ("actions"."owner_participant_id" is not null and "actions"."owner_user_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "charter_signoffs" (
	"charter_version_id" uuid NOT NULL,
	"side" text NOT NULL,
	"user_id" uuid,
	"signed_by" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charter_signoffs_charter_version_id_side_pk" PRIMARY KEY("charter_version_id","side"),
	CONSTRAINT "charter_signoffs_side_valid" CHECK ("charter_signoffs"."side" in ('A', 'B'))
);
--> statement-breakpoint
CREATE TABLE "charter_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"vision" text NOT NULL,
	"principles" text[] NOT NULL,
	"behaviours" text[] NOT NULL,
	"commitments_a" text[] NOT NULL,
	"commitments_b" text[] NOT NULL,
	"governance" text[] NOT NULL,
	"created_by" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charter_versions_relationship_version" UNIQUE("relationship_id","version")
);
--> statement-breakpoint
CREATE TABLE "finding_evidence" (
	"finding_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"kind" text NOT NULL,
	"reference" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "finding_evidence_finding_id_position_pk" PRIMARY KEY("finding_id","position")
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"kind" text NOT NULL,
	"concerns" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"suggestion_key" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "findings_relationship_ref" UNIQUE("relationship_id","ref"),
	CONSTRAINT "findings_kind_valid" CHECK ("findings"."kind" in ('working', 'not-working', 'small-big-thing', 'blind-spot')),
	CONSTRAINT "findings_concerns_valid" CHECK ("findings"."concerns" in ('A', 'B', 'both'))
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"side" text,
	"released_by_user_id" uuid,
	"released_by" text NOT NULL,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL,
	"content" jsonb NOT NULL,
	CONSTRAINT "releases_kind_valid" CHECK ("releases"."kind" in ('pre-brief', 'joint')),
	CONSTRAINT "releases_side_matches_kind" CHECK (("releases"."kind" = 'joint' and "releases"."side" is null) or ("releases"."kind" = 'pre-brief' and "releases"."side" in ('A', 'B')))
);
--> statement-breakpoint
CREATE TABLE "small_big_things" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"workstream_id" uuid,
	"text" text NOT NULL,
	"raised_on" date NOT NULL,
	"raised_by_side" text,
	"owner_side" text,
	"owner_participant_id" uuid,
	"owner_user_id" uuid,
	"fixed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "small_big_things_raised_by_valid" CHECK ("small_big_things"."raised_by_side" in ('A', 'B')),
	CONSTRAINT "small_big_things_owner_side_valid" CHECK ("small_big_things"."owner_side" in ('A', 'B')),
	CONSTRAINT "small_big_things_one_owner" CHECK (not ("small_big_things"."owner_participant_id" is not null and "small_big_things"."owner_user_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "workstream_findings" (
	"workstream_id" uuid NOT NULL,
	"finding_id" uuid NOT NULL,
	CONSTRAINT "workstream_findings_workstream_id_finding_id_pk" PRIMARY KEY("workstream_id","finding_id")
);
--> statement-breakpoint
CREATE TABLE "workstream_incidents" (
	"workstream_id" uuid NOT NULL,
	"incident_id" uuid NOT NULL,
	CONSTRAINT "workstream_incidents_workstream_id_incident_id_pk" PRIMARY KEY("workstream_id","incident_id")
);
--> statement-breakpoint
CREATE TABLE "workstream_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workstream_id" uuid NOT NULL,
	"on" date NOT NULL,
	"rag" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"by" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workstream_updates_rag_valid" CHECK ("workstream_updates"."rag" in ('red', 'amber', 'green'))
);
--> statement-breakpoint
CREATE TABLE "workstreams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_a_participant_id" uuid,
	"owner_a_user_id" uuid,
	"owner_b_participant_id" uuid,
	"owner_b_user_id" uuid,
	"target_dimensions" text[] NOT NULL,
	"started_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workstreams_relationship_ref" UNIQUE("relationship_id","ref"),
	CONSTRAINT "workstreams_type_valid" CHECK ("workstreams"."type" in ('vision-charter', 'ways-of-working', 'operational-fix', 'small-big-things', 'people')),
	CONSTRAINT "workstreams_status_valid" CHECK ("workstreams"."status" in ('active', 'closed')),
	CONSTRAINT "workstreams_one_owner_a" CHECK (not ("workstreams"."owner_a_participant_id" is not null and "workstreams"."owner_a_user_id" is not null)),
	CONSTRAINT "workstreams_one_owner_b" CHECK (not ("workstreams"."owner_b_participant_id" is not null and "workstreams"."owner_b_user_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "action_links" ADD CONSTRAINT "action_links_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_workstream_id_workstreams_id_fk" FOREIGN KEY ("workstream_id") REFERENCES "public"."workstreams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_owner_participant_id_participants_id_fk" FOREIGN KEY ("owner_participant_id") REFERENCES "public"."participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter_signoffs" ADD CONSTRAINT "charter_signoffs_charter_version_id_charter_versions_id_fk" FOREIGN KEY ("charter_version_id") REFERENCES "public"."charter_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter_signoffs" ADD CONSTRAINT "charter_signoffs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter_versions" ADD CONSTRAINT "charter_versions_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_evidence" ADD CONSTRAINT "finding_evidence_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_released_by_user_id_users_id_fk" FOREIGN KEY ("released_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_big_things" ADD CONSTRAINT "small_big_things_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_big_things" ADD CONSTRAINT "small_big_things_workstream_id_workstreams_id_fk" FOREIGN KEY ("workstream_id") REFERENCES "public"."workstreams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_big_things" ADD CONSTRAINT "small_big_things_owner_participant_id_participants_id_fk" FOREIGN KEY ("owner_participant_id") REFERENCES "public"."participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "small_big_things" ADD CONSTRAINT "small_big_things_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_findings" ADD CONSTRAINT "workstream_findings_workstream_id_workstreams_id_fk" FOREIGN KEY ("workstream_id") REFERENCES "public"."workstreams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_findings" ADD CONSTRAINT "workstream_findings_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_incidents" ADD CONSTRAINT "workstream_incidents_workstream_id_workstreams_id_fk" FOREIGN KEY ("workstream_id") REFERENCES "public"."workstreams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_incidents" ADD CONSTRAINT "workstream_incidents_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstream_updates" ADD CONSTRAINT "workstream_updates_workstream_id_workstreams_id_fk" FOREIGN KEY ("workstream_id") REFERENCES "public"."workstreams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_owner_a_participant_id_participants_id_fk" FOREIGN KEY ("owner_a_participant_id") REFERENCES "public"."participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_owner_a_user_id_users_id_fk" FOREIGN KEY ("owner_a_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_owner_b_participant_id_participants_id_fk" FOREIGN KEY ("owner_b_participant_id") REFERENCES "public"."participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstreams" ADD CONSTRAINT "workstreams_owner_b_user_id_users_id_fk" FOREIGN KEY ("owner_b_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_links_participant_idx" ON "action_links" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "actions_workstream_idx" ON "actions" USING btree ("workstream_id");--> statement-breakpoint
CREATE INDEX "actions_owner_participant_idx" ON "actions" USING btree ("owner_participant_id");--> statement-breakpoint
CREATE INDEX "findings_wave_idx" ON "findings" USING btree ("wave_id");--> statement-breakpoint
CREATE INDEX "releases_relationship_idx" ON "releases" USING btree ("relationship_id","released_at");--> statement-breakpoint
CREATE INDEX "small_big_things_relationship_idx" ON "small_big_things" USING btree ("relationship_id");--> statement-breakpoint
CREATE INDEX "workstream_updates_workstream_idx" ON "workstream_updates" USING btree ("workstream_id","on");