CREATE TABLE "demo_runs" (
	"run_id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"processed_to" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"data_start" timestamp with time zone NOT NULL,
	"data_end" timestamp with time zone NOT NULL,
	CONSTRAINT "demo_runs_processed_to_check" CHECK ("demo_runs"."processed_to" >= "demo_runs"."started_at")
);
