CREATE TABLE "checklist_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"checklist_id" integer NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"last_reviewed" date NOT NULL,
	"source_title" text NOT NULL,
	"source_url" text NOT NULL,
	"content" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "checklist_versions_checklist_version" UNIQUE("checklist_id","version")
);
--> statement-breakpoint
CREATE TABLE "checklists" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"situation" text NOT NULL,
	"service_slug" text,
	CONSTRAINT "checklists_slug_unique" UNIQUE("slug"),
	CONSTRAINT "checklists_situation" CHECK ("checklists"."situation" in ('work', 'study', 'family', 'permanent', 'extend', 'change', 'appointment'))
);
--> statement-breakpoint
ALTER TABLE "checklist_versions" ADD CONSTRAINT "checklist_versions_checklist_id_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."checklists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checklist_versions_in_force" ON "checklist_versions" USING btree ("checklist_id","effective_from");