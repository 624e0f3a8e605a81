CREATE TABLE "late_proceedings_daily" (
	"day" date NOT NULL,
	"type_code" text NOT NULL,
	"late" integer NOT NULL,
	CONSTRAINT "late_proceedings_daily_day_type_code_pk" PRIMARY KEY("day","type_code")
);
--> statement-breakpoint
CREATE TABLE "usage_monthly" (
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"locale" text NOT NULL,
	"weekday" smallint NOT NULL,
	"facets" jsonb NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "usage_monthly_month_kind_locale_weekday_facets_pk" PRIMARY KEY("month","kind","locale","weekday","facets")
);
--> statement-breakpoint
DROP INDEX "usage_events_kind_at";--> statement-breakpoint
CREATE INDEX "usage_monthly_kind_month" ON "usage_monthly" USING btree ("kind","month");--> statement-breakpoint
-- Months already rolled up by day get their monthly rows now (later runs keep them current).
INSERT INTO "usage_monthly" ("month", "kind", "locale", "weekday", "facets", "count")
SELECT date_trunc('month', "day")::date, "kind", "locale",
	CASE WHEN "kind" = 'escalation_created' THEN extract(isodow FROM "day")::smallint ELSE 0 END,
	"facets", sum("count")::int
FROM "usage_daily" GROUP BY 1, 2, 3, 4, 5;
