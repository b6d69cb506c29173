CREATE TABLE `inbound_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`campaign_id` text,
	`campaign_lead_id` text,
	`row_index` integer,
	`step` integer,
	`classification` text NOT NULL,
	`matched_by` text,
	`from_address` text,
	`from_name` text,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`snippet` text NOT NULL,
	`text` text NOT NULL,
	`message_id` text,
	`dedupe_key` text NOT NULL,
	`details` text NOT NULL,
	`raw_size` integer NOT NULL,
	`raw` text,
	`forwarded_to` text,
	`received_at` integer NOT NULL,
	`processed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_messages_dedupe_idx` ON `inbound_messages` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `inbound_messages_user_received_idx` ON `inbound_messages` (`user_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `inbound_messages_lead_idx` ON `inbound_messages` (`campaign_lead_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `sent_messages` (
	`message_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`campaign_lead_id` text NOT NULL,
	`row_index` integer NOT NULL,
	`step` integer NOT NULL,
	`recipient` text NOT NULL,
	`subject` text,
	`sent_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sent_messages_lead_idx` ON `sent_messages` (`campaign_lead_id`,`sent_at`);--> statement-breakpoint
ALTER TABLE `aliases` ADD `forward_to` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `stop_on_reply_scope` text DEFAULT 'lead' NOT NULL;