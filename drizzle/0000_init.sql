CREATE TABLE "api_tokens" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_key" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target" text,
	"reason" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	CONSTRAINT "users_name_key" UNIQUE("name"),
	CONSTRAINT "users_password_hash_check" CHECK ("users"."password_hash" LIKE '$argon2id$%')
);
--> statement-breakpoint
CREATE TABLE "fills" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fills_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"broker" text NOT NULL,
	"venue_trade_id" text NOT NULL,
	"order_id" bigint,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"qty" numeric NOT NULL,
	"price" numeric NOT NULL,
	"fee" numeric DEFAULT '0' NOT NULL,
	"fee_currency" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "fills_broker_venue_trade_id_key" UNIQUE("broker","venue_trade_id"),
	CONSTRAINT "fills_broker_check" CHECK ("fills"."broker" IN ('binance', 'oanda', 'ig', 'simulated')),
	CONSTRAINT "fills_side_check" CHECK ("fills"."side" IN ('buy', 'sell'))
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"payload" jsonb,
	CONSTRAINT "order_events_from_state_check" CHECK ("order_events"."from_state" IN ('INITIALIZED', 'SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELED', 'REJECTED', 'EXPIRED', 'DENIED')),
	CONSTRAINT "order_events_to_state_check" CHECK ("order_events"."to_state" IN ('INITIALIZED', 'SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELED', 'REJECTED', 'EXPIRED', 'DENIED'))
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"client_order_id" text NOT NULL,
	"venue_order_id" text,
	"broker" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"kind" text NOT NULL,
	"intent_kind" text NOT NULL,
	"ticket" text,
	"qty" numeric NOT NULL,
	"price" numeric,
	"stop" numeric,
	"target" numeric,
	"state" text DEFAULT 'INITIALIZED' NOT NULL,
	"filled_qty" numeric DEFAULT '0' NOT NULL,
	"avg_fill_price" numeric,
	"signal_id" bigint,
	"position_id" bigint,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "orders_client_order_id_key" UNIQUE("client_order_id"),
	CONSTRAINT "orders_venue_order_id_key" UNIQUE("broker","venue_order_id"),
	CONSTRAINT "orders_client_order_id_check" CHECK ("orders"."client_order_id" ~ '^[A-Za-z0-9_-]{1,30}$'),
	CONSTRAINT "orders_broker_check" CHECK ("orders"."broker" IN ('binance', 'oanda', 'ig', 'simulated')),
	CONSTRAINT "orders_side_check" CHECK ("orders"."side" IN ('buy', 'sell')),
	CONSTRAINT "orders_kind_check" CHECK ("orders"."kind" IN ('market', 'limit', 'stop')),
	CONSTRAINT "orders_intent_kind_check" CHECK ("orders"."intent_kind" IN ('entry', 'amend_protection', 'exit_manual', 'exit_time_stop', 'exit_policy', 'exit_opposite_signal')),
	CONSTRAINT "orders_ticket_check" CHECK ("orders"."ticket" IN ('A', 'B')),
	CONSTRAINT "orders_state_check" CHECK ("orders"."state" IN ('INITIALIZED', 'SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELED', 'REJECTED', 'EXPIRED', 'DENIED'))
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "positions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"signal_id" bigint,
	"broker" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text,
	"direction" text NOT NULL,
	"qty" numeric NOT NULL,
	"open_qty" numeric NOT NULL,
	"filled_price" numeric NOT NULL,
	"exit_price" numeric,
	"initial_stop" numeric NOT NULL,
	"stop" numeric NOT NULL,
	"tp1" numeric,
	"tp2" numeric,
	"tp1_hit" boolean DEFAULT false NOT NULL,
	"currency" text NOT NULL,
	"realized_pnl" numeric DEFAULT '0' NOT NULL,
	"financing" numeric DEFAULT '0' NOT NULL,
	"fees" numeric DEFAULT '0' NOT NULL,
	"r_multiple" numeric,
	"exits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"open_at_end" boolean DEFAULT false NOT NULL,
	CONSTRAINT "positions_broker_check" CHECK ("positions"."broker" IN ('binance', 'oanda', 'ig', 'simulated')),
	CONSTRAINT "positions_timeframe_check" CHECK ("positions"."timeframe" IN ('1h', '4h')),
	CONSTRAINT "positions_direction_check" CHECK ("positions"."direction" IN ('long', 'short')),
	CONSTRAINT "positions_status_check" CHECK ("positions"."status" IN ('open', 'closed')),
	CONSTRAINT "positions_closed_check" CHECK (("positions"."status" = 'closed') = ("positions"."closed_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "candles" (
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"open" numeric NOT NULL,
	"high" numeric NOT NULL,
	"low" numeric NOT NULL,
	"close" numeric NOT NULL,
	"volume" numeric,
	"spread" numeric,
	"source" text NOT NULL,
	CONSTRAINT "candles_pkey" PRIMARY KEY("symbol","timeframe","time"),
	CONSTRAINT "candles_timeframe_check" CHECK ("candles"."timeframe" IN ('1h', '4h'))
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"channel" text NOT NULL,
	"event_key" text NOT NULL,
	"kind" text NOT NULL,
	"content" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "alerts_channel_event_key_key" UNIQUE("channel","event_key"),
	CONSTRAINT "alerts_channel_check" CHECK ("alerts"."channel" IN ('telegram', 'sms')),
	CONSTRAINT "alerts_status_check" CHECK ("alerts"."status" IN ('pending', 'sent', 'failed', 'suppressed'))
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "job_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"job" text NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"duration_ms" integer NOT NULL,
	CONSTRAINT "job_runs_status_check" CHECK ("job_runs"."status" IN ('ok', 'error', 'skipped_overrun')),
	CONSTRAINT "job_runs_duration_check" CHECK ("job_runs"."duration_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "portfolio_snapshots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "portfolio_snapshots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"currency" text NOT NULL,
	"equity" numeric NOT NULL,
	"balance" numeric NOT NULL,
	"unrealized_pnl" numeric NOT NULL,
	"open_risk" numeric NOT NULL,
	"state" text NOT NULL,
	"stale" boolean DEFAULT false NOT NULL,
	"brokers" jsonb NOT NULL,
	CONSTRAINT "portfolio_snapshots_state_check" CHECK ("portfolio_snapshots"."state" IN ('ACTIVE', 'PAUSED', 'REDUCING', 'HALTED'))
);
--> statement-breakpoint
CREATE TABLE "risk_state" (
	"account_key" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"equity_peak" numeric,
	"day_start_equity" numeric,
	"trading_day_start" timestamp with time zone,
	"consecutive_losses" integer DEFAULT 0 NOT NULL,
	"reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_state_state_check" CHECK ("risk_state"."state" IN ('ACTIVE', 'PAUSED', 'REDUCING', 'HALTED')),
	CONSTRAINT "risk_state_consecutive_losses_check" CHECK ("risk_state"."consecutive_losses" >= 0)
);
--> statement-breakpoint
CREATE TABLE "llm_calls" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "llm_calls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"request_hash" text NOT NULL,
	"model" text NOT NULL,
	"request" jsonb NOT NULL,
	"response" jsonb,
	"status" text NOT NULL,
	"error" text,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cache_read_tokens" integer DEFAULT 0 NOT NULL,
	"cache_write_tokens" integer DEFAULT 0 NOT NULL,
	"cost_usd" numeric DEFAULT '0' NOT NULL,
	"latency_ms" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "llm_calls_request_hash_key" UNIQUE("request_hash"),
	CONSTRAINT "llm_calls_status_check" CHECK ("llm_calls"."status" IN ('ok', 'error'))
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"signal_id" bigint PRIMARY KEY NOT NULL,
	"price_1h" numeric,
	"price_4h" numeric,
	"price_24h" numeric,
	"price_72h" numeric,
	"verdict" text,
	"resolved_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outcomes_verdict_check" CHECK ("outcomes"."verdict" IN ('tp1', 'tp2', 'sl', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "setups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "setups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" text NOT NULL,
	"signal_id" bigint NOT NULL,
	"symbol" text NOT NULL,
	"direction" text NOT NULL,
	"stop" numeric NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'live' NOT NULL,
	"trigger_signal_id" bigint,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "setups_signal_id_key" UNIQUE("signal_id"),
	CONSTRAINT "setups_direction_check" CHECK ("setups"."direction" IN ('long', 'short')),
	CONSTRAINT "setups_status_check" CHECK ("setups"."status" IN ('live', 'triggered', 'expired', 'invalidated'))
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "signals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" text NOT NULL,
	"mode" text NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"type" text NOT NULL,
	"direction" text NOT NULL,
	"pivot1_time" timestamp with time zone NOT NULL,
	"pivot2_time" timestamp with time zone NOT NULL,
	"confirm_time" timestamp with time zone NOT NULL,
	"pivot1_price" numeric NOT NULL,
	"pivot2_price" numeric NOT NULL,
	"known_at" timestamp with time zone NOT NULL,
	"entry" numeric,
	"stop" numeric,
	"tp1" numeric,
	"tp2" numeric,
	"atr" numeric,
	"score" double precision NOT NULL,
	"confidence" double precision,
	"verdicts" jsonb NOT NULL,
	"rejected_by" text,
	"denied_by" text,
	"accepted" boolean NOT NULL,
	"llm_call_id" bigint,
	"candidate" jsonb NOT NULL,
	CONSTRAINT "signals_candidate_key" UNIQUE("run_id","symbol","timeframe","type","pivot1_time","pivot2_time"),
	CONSTRAINT "signals_mode_check" CHECK ("signals"."mode" IN ('dev', 'paper', 'live', 'backtest')),
	CONSTRAINT "signals_timeframe_check" CHECK ("signals"."timeframe" IN ('1h', '4h')),
	CONSTRAINT "signals_type_check" CHECK ("signals"."type" IN ('regular_bullish', 'hidden_bullish', 'regular_bearish', 'hidden_bearish')),
	CONSTRAINT "signals_direction_check" CHECK ("signals"."direction" IN ('long', 'short')),
	CONSTRAINT "signals_verdicts_check" CHECK (jsonb_typeof("signals"."verdicts") = 'array' AND jsonb_array_length("signals"."verdicts") = 15),
	CONSTRAINT "signals_rejected_by_check" CHECK ("signals"."rejected_by" IN ('score', 'llm_veto', 'llm_error') OR "signals"."rejected_by" ~ '^([0-9]|1[0-4])$'),
	CONSTRAINT "signals_accepted_check" CHECK ("signals"."accepted" = ("signals"."rejected_by" IS NULL)),
	CONSTRAINT "signals_confidence_check" CHECK ("signals"."confidence" BETWEEN 0 AND 1)
);
--> statement-breakpoint
ALTER TABLE "fills" ADD CONSTRAINT "fills_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_position_id_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "setups" ADD CONSTRAINT "setups_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "setups" ADD CONSTRAINT "setups_trigger_signal_id_signals_id_fk" FOREIGN KEY ("trigger_signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_llm_call_id_llm_calls_id_fk" FOREIGN KEY ("llm_call_id") REFERENCES "public"."llm_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_active_name_key" ON "api_tokens" USING btree ("name") WHERE "api_tokens"."revoked_at" IS NULL;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "fills_order_id_idx" ON "fills" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fills_at_idx" ON "fills" USING btree ("at");--> statement-breakpoint
CREATE INDEX "order_events_order_id_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "orders_state_idx" ON "orders" USING btree ("state");--> statement-breakpoint
CREATE INDEX "orders_signal_id_idx" ON "orders" USING btree ("signal_id");--> statement-breakpoint
CREATE INDEX "orders_position_id_idx" ON "orders" USING btree ("position_id");--> statement-breakpoint
CREATE INDEX "positions_status_symbol_idx" ON "positions" USING btree ("status","symbol");--> statement-breakpoint
CREATE INDEX "positions_opened_at_idx" ON "positions" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "alerts_pending_idx" ON "alerts" USING btree ("created_at") WHERE "alerts"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "job_runs_job_started_at_idx" ON "job_runs" USING btree ("job","started_at");--> statement-breakpoint
CREATE INDEX "portfolio_snapshots_at_idx" ON "portfolio_snapshots" USING btree ("at");--> statement-breakpoint
CREATE INDEX "llm_calls_recorded_at_idx" ON "llm_calls" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "outcomes_pending_idx" ON "outcomes" USING btree ("signal_id") WHERE "outcomes"."verdict" IS NULL;--> statement-breakpoint
CREATE INDEX "setups_symbol_status_idx" ON "setups" USING btree ("symbol","status");--> statement-breakpoint
CREATE INDEX "signals_symbol_known_at_idx" ON "signals" USING btree ("symbol","known_at");--> statement-breakpoint
CREATE INDEX "signals_known_at_idx" ON "signals" USING btree ("known_at");