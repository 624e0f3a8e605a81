CREATE TABLE "hotline_settings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lines" jsonb NOT NULL,
	"hours" jsonb NOT NULL,
	"saved_by" uuid NOT NULL,
	"saved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hotline_settings" ADD CONSTRAINT "hotline_settings_saved_by_staff_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;