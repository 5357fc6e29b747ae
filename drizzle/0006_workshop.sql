CREATE TABLE "workshop_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid,
	"side" text NOT NULL,
	"level" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_attendees_side_valid" CHECK ("workshop_attendees"."side" in ('A', 'B')),
	CONSTRAINT "workshop_attendees_level_valid" CHECK ("workshop_attendees"."level" is null or "workshop_attendees"."level" in ('leadership', 'operational', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "workshop_commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"theme_id" uuid,
	"kind" text NOT NULL,
	"workstream_id" uuid,
	"small_big_thing_id" uuid,
	"charter_version_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_commitments_kind_valid" CHECK ("workshop_commitments"."kind" in ('workstream', 'small-big-thing', 'charter-principle'))
);
--> statement-breakpoint
CREATE TABLE "workshop_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workshop_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"attendee_id" uuid NOT NULL,
	"text" text NOT NULL,
	"signed_as" text,
	"shown_level" text,
	"theme_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"prompt" text,
	"revealed_at" timestamp with time zone,
	CONSTRAINT "workshop_steps_kind_valid" CHECK ("workshop_steps"."kind" in ('present', 'reflect', 'group', 'vote', 'discuss', 'commit'))
);
--> statement-breakpoint
CREATE TABLE "workshop_themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"title" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_votes" (
	"step_id" uuid NOT NULL,
	"attendee_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"dots" integer NOT NULL,
	CONSTRAINT "workshop_votes_step_id_attendee_id_theme_id_pk" PRIMARY KEY("step_id","attendee_id","theme_id"),
	CONSTRAINT "workshop_votes_dots_valid" CHECK ("workshop_votes"."dots" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "workshops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"relationship_id" uuid NOT NULL,
	"wave_id" uuid NOT NULL,
	"title" text NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"dots" integer DEFAULT 3 NOT NULL,
	"attendees_group" boolean DEFAULT false NOT NULL,
	"current_step_id" uuid,
	"present_index" integer DEFAULT 0 NOT NULL,
	"timer_ends_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"summary" jsonb,
	"created_by" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshops_status_valid" CHECK ("workshops"."status" in ('draft', 'live', 'ended')),
	CONSTRAINT "workshops_dots_valid" CHECK ("workshops"."dots" between 1 and 10)
);
--> statement-breakpoint
ALTER TABLE "workshop_attendees" ADD CONSTRAINT "workshop_attendees_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_attendees" ADD CONSTRAINT "workshop_attendees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_commitments" ADD CONSTRAINT "workshop_commitments_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_commitments" ADD CONSTRAINT "workshop_commitments_theme_id_workshop_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."workshop_themes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_commitments" ADD CONSTRAINT "workshop_commitments_workstream_id_workstreams_id_fk" FOREIGN KEY ("workstream_id") REFERENCES "public"."workstreams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_commitments" ADD CONSTRAINT "workshop_commitments_small_big_thing_id_small_big_things_id_fk" FOREIGN KEY ("small_big_thing_id") REFERENCES "public"."small_big_things"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_commitments" ADD CONSTRAINT "workshop_commitments_charter_version_id_charter_versions_id_fk" FOREIGN KEY ("charter_version_id") REFERENCES "public"."charter_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_events" ADD CONSTRAINT "workshop_events_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_notes" ADD CONSTRAINT "workshop_notes_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_notes" ADD CONSTRAINT "workshop_notes_step_id_workshop_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."workshop_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_notes" ADD CONSTRAINT "workshop_notes_attendee_id_workshop_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."workshop_attendees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_notes" ADD CONSTRAINT "workshop_notes_theme_id_workshop_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."workshop_themes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_steps" ADD CONSTRAINT "workshop_steps_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_themes" ADD CONSTRAINT "workshop_themes_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_votes" ADD CONSTRAINT "workshop_votes_step_id_workshop_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."workshop_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_votes" ADD CONSTRAINT "workshop_votes_attendee_id_workshop_attendees_id_fk" FOREIGN KEY ("attendee_id") REFERENCES "public"."workshop_attendees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_votes" ADD CONSTRAINT "workshop_votes_theme_id_workshop_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."workshop_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_wave_id_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_attendees_token" ON "workshop_attendees" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "workshop_attendees_workshop_idx" ON "workshop_attendees" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "workshop_commitments_workshop_idx" ON "workshop_commitments" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "workshop_events_workshop_idx" ON "workshop_events" USING btree ("workshop_id","id");--> statement-breakpoint
CREATE INDEX "workshop_notes_step_idx" ON "workshop_notes" USING btree ("step_id");--> statement-breakpoint
CREATE INDEX "workshop_notes_workshop_idx" ON "workshop_notes" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "workshop_steps_workshop_idx" ON "workshop_steps" USING btree ("workshop_id","position");--> statement-breakpoint
CREATE INDEX "workshop_themes_workshop_idx" ON "workshop_themes" USING btree ("workshop_id","position");--> statement-breakpoint
CREATE INDEX "workshops_relationship_idx" ON "workshops" USING btree ("relationship_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workshops_code_not_ended" ON "workshops" USING btree ("code") WHERE "workshops"."status" <> 'ended';