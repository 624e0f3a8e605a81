CREATE TABLE "draw_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"release_id" integer NOT NULL,
	"public_id" text NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"person_key" text NOT NULL,
	"full_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"nationality" text NOT NULL,
	"document_number" text NOT NULL,
	"email" text NOT NULL,
	"proceeding_number" text,
	"locale" text NOT NULL,
	"preferences" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"position" integer,
	"outcome" text,
	"booking_id" uuid,
	CONSTRAINT "draw_entries_outcome" CHECK ("draw_entries"."outcome" is null or "draw_entries"."outcome" in ('won', 'waitlisted', 'already_booked', 'limit', 'late_cancellations'))
);
--> statement-breakpoint
CREATE TABLE "release_seats" (
	"release_id" integer NOT NULL,
	"slot_id" bigint NOT NULL,
	"seats" integer NOT NULL,
	"given" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "release_seats_release_id_slot_id_pk" PRIMARY KEY("release_id","slot_id"),
	CONSTRAINT "release_seats_given" CHECK ("release_seats"."given" >= 0 and "release_seats"."given" <= "release_seats"."seats")
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" serial PRIMARY KEY NOT NULL,
	"branch_id" integer NOT NULL,
	"service_id" integer NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"draw_at" timestamp with time zone NOT NULL,
	"phone_share_percent" smallint DEFAULT 0 NOT NULL,
	"seed" "bytea" NOT NULL,
	"commitment" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"drawn_at" timestamp with time zone,
	CONSTRAINT "releases_range" CHECK ("releases"."to_date" >= "releases"."from_date"),
	CONSTRAINT "releases_window" CHECK ("releases"."opens_at" < "releases"."closes_at" and "releases"."closes_at" <= "releases"."draw_at"),
	CONSTRAINT "releases_phone_share" CHECK ("releases"."phone_share_percent" between 0 and 90)
);
--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD COLUMN "preferences" jsonb;--> statement-breakpoint
ALTER TABLE "draw_entries" ADD CONSTRAINT "draw_entries_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_entries" ADD CONSTRAINT "draw_entries_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_seats" ADD CONSTRAINT "release_seats_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_seats" ADD CONSTRAINT "release_seats_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "draw_entries_one_per_person" ON "draw_entries" USING btree ("release_id","person_key");--> statement-breakpoint
CREATE UNIQUE INDEX "draw_entries_public_id" ON "draw_entries" USING btree ("release_id","public_id");--> statement-breakpoint
CREATE UNIQUE INDEX "draw_entries_token" ON "draw_entries" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "releases_branch" ON "releases" USING btree ("branch_id","service_id");