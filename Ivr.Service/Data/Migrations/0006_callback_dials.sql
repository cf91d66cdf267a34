-- Queued callbacks dial on the same trunk as voice campaigns, so an operator finds every outbound leg in one table: a
-- callback writes a row per leg it originates (the seat's and the taxpayer's), linked to the callback and its attempt.
-- Callback legs run no menu (menu_flow is null) and end answered rather than answered_and_listened/confirmed.
alter table outbound_dials
    add column kind text not null default 'campaign' check (kind in ('campaign', 'callback')),
    add column callback_id text,
    add column callback_attempt int,
    add column leg text check (leg in ('seat', 'taxpayer')),
    add column seat text,
    alter column menu_flow drop not null,
    drop constraint outbound_dials_outcome_check,
    add constraint outbound_dials_outcome_check check (outcome in
        ('answered_and_listened', 'confirmed', 'answered', 'busy', 'no_answer', 'rejected', 'failed', 'trunk_full')),
    add constraint outbound_dials_kind_link check (
        (kind = 'campaign' and callback_id is null and leg is null and menu_flow is not null)
        or (kind = 'callback' and callback_id is not null and callback_attempt is not null and leg is not null and seat is not null));
create index outbound_dials_callback on outbound_dials (callback_id, started_at) where callback_id is not null;
create index outbound_dials_started on outbound_dials (started_at desc);
