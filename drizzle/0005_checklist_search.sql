CREATE TABLE "checklist_search" (
	"version_id" integer NOT NULL,
	"locale" text NOT NULL,
	"item_key" text,
	"document" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_queries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"locale" text NOT NULL,
	"query" text NOT NULL,
	"result_count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checklist_search" ADD CONSTRAINT "checklist_search_version_id_checklist_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."checklist_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checklist_search_document" ON "checklist_search" USING gin ("document");--> statement-breakpoint
CREATE INDEX "checklist_search_version" ON "checklist_search" USING btree ("version_id","locale");--> statement-breakpoint
CREATE INDEX "search_queries_day" ON "search_queries" USING btree ("day");