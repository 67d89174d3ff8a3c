CREATE TABLE "instrument_control" (
	"symbol" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"risk_multiplier" numeric DEFAULT '1' NOT NULL,
	"reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "instrument_control_risk_multiplier_check" CHECK ("instrument_control"."risk_multiplier" > 0)
);
--> statement-breakpoint
ALTER TABLE "risk_state" ADD COLUMN "since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "risk_state" ADD COLUMN "reducing_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "risk_state" ADD COLUMN "net_flows" numeric DEFAULT '0' NOT NULL;