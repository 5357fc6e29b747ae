CREATE TABLE "rate_limits" (
	"bucket" text NOT NULL,
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limits_bucket_key_window_start_pk" PRIMARY KEY("bucket","key","window_start")
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "coded_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "open_answers" ADD COLUMN "redacted_text" text;--> statement-breakpoint
ALTER TABLE "open_answers" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "rate_limits_window_start_idx" ON "rate_limits" USING btree ("window_start");--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_coded_by_user_id_users_id_fk" FOREIGN KEY ("coded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;