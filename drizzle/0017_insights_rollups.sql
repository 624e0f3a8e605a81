CREATE TABLE "insights_rollup_state" (
	"name" text PRIMARY KEY NOT NULL,
	"recompute_from" date,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "satisfaction_comments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"task" text NOT NULL,
	"locale" text NOT NULL,
	"score" smallint NOT NULL,
	"comment" text NOT NULL,
	CONSTRAINT "satisfaction_comments_score" CHECK ("satisfaction_comments"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "search_daily" (
	"day" date NOT NULL,
	"locale" text NOT NULL,
	"term" text NOT NULL,
	"searches" integer NOT NULL,
	"zero_results" integer NOT NULL,
	CONSTRAINT "search_daily_day_locale_term_pk" PRIMARY KEY("day","locale","term")
);
--> statement-breakpoint
CREATE TABLE "insights_unit_costs" (
	"channel" text PRIMARY KEY NOT NULL,
	"cost_halere" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "insights_unit_costs_channel" CHECK ("insights_unit_costs"."channel" in ('web', 'hotline', 'branch')),
	CONSTRAINT "insights_unit_costs_positive" CHECK ("insights_unit_costs"."cost_halere" >= 0)
);
--> statement-breakpoint
CREATE TABLE "usage_daily" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"locale" text NOT NULL,
	"facets" jsonb NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "usage_daily_day_kind_locale_facets_pk" PRIMARY KEY("day","kind","locale","facets")
);
--> statement-breakpoint
ALTER TABLE "insights_unit_costs" ADD CONSTRAINT "insights_unit_costs_updated_by_staff_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "satisfaction_comments_day" ON "satisfaction_comments" USING btree ("day");--> statement-breakpoint
CREATE INDEX "usage_daily_kind_day" ON "usage_daily" USING btree ("kind","day");--> statement-breakpoint
CREATE INDEX "usage_events_at" ON "usage_events" USING btree ("at");