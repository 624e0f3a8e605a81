CREATE TABLE "closures" (
	"id" serial PRIMARY KEY NOT NULL,
	"branch_id" integer NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "closures_range" CHECK ("closures"."to_date" >= "closures"."from_date")
);
--> statement-breakpoint
CREATE TABLE "schedule_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"branch_id" integer NOT NULL,
	"service_id" integer NOT NULL,
	"weekday" smallint NOT NULL,
	"starts" text NOT NULL,
	"ends" text NOT NULL,
	"slot_minutes" smallint NOT NULL,
	"capacity" smallint NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_rules_weekday" CHECK ("schedule_rules"."weekday" between 1 and 7),
	CONSTRAINT "schedule_rules_times" CHECK ("schedule_rules"."starts" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "schedule_rules"."ends" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "schedule_rules"."starts" < "schedule_rules"."ends"),
	CONSTRAINT "schedule_rules_slot" CHECK ("schedule_rules"."slot_minutes" between 5 and 240),
	CONSTRAINT "schedule_rules_capacity" CHECK ("schedule_rules"."capacity" between 1 and 50),
	CONSTRAINT "schedule_rules_validity" CHECK ("schedule_rules"."valid_to" is null or "schedule_rules"."valid_to" >= "schedule_rules"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"branch_id" integer NOT NULL,
	"service_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "slots_branch_service_start" UNIQUE("branch_id","service_id","starts_at"),
	CONSTRAINT "slots_booked_within_capacity" CHECK ("slots"."booked" >= 0 and "slots"."booked" <= "slots"."capacity"),
	CONSTRAINT "slots_times" CHECK ("slots"."ends_at" > "slots"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_rules" ADD CONSTRAINT "schedule_rules_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_rules" ADD CONSTRAINT "schedule_rules_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_rules" ADD CONSTRAINT "schedule_rules_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "closures_branch" ON "closures" USING btree ("branch_id","from_date");--> statement-breakpoint
CREATE INDEX "schedule_rules_branch" ON "schedule_rules" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "slots_branch_start" ON "slots" USING btree ("branch_id","starts_at");