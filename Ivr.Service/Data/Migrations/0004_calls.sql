-- Call records (issue 6): one row per call that ran a menu, written in batches by the background CallRecordWriter.
-- Ids are chosen by the service, so a batch retried after an ambiguous failure never inserts a call twice.
create table call_records (
    id                uuid primary key,
    channel_id        text not null,
    direction         text not null check (direction in ('inbound', 'outbound')),
    caller_number     text not null,
    dialled_number    text not null,
    entry             text not null,
    -- The campaign attempt's call id for outbound calls (IOutboundDialer.LookupAsync reads it back).
    campaign_call_id  text,
    started_at        timestamptz not null,
    answered_at       timestamptz,
    ended_at          timestamptz not null,
    language          text not null,
    menu_revision     text not null,
    -- [{"at": ms since start, "node": id, "keys": "12**"}, ...]: digits of invoice numbers and taxpayer ids are masked.
    path              jsonb not null default '[]',
    -- [{"at": ms, "action": name, "result": code}, ...]
    actions           jsonb not null default '[]',
    outcome           text not null check (outcome in ('self_served', 'queued', 'abandoned', 'error')),
    hangup_cause      int
);
create index call_records_started on call_records (started_at desc);
create index call_records_campaign_call on call_records (campaign_call_id) where campaign_call_id is not null;

-- Outbound campaign calls as the dialer placed them: the row is written before the originate, so a crash leaves a
-- call to reconcile (by its channel, then by its call record) instead of a second call to the taxpayer.
create table outbound_dials (
    call_id      text primary key,
    channel_id   text not null,
    phone        text not null,
    menu_flow    text not null,
    started_at   timestamptz not null,
    ended_at     timestamptz,
    outcome      text check (outcome in ('answered_and_listened', 'confirmed', 'busy', 'no_answer', 'rejected', 'failed', 'trunk_full')),
    ari_cause    int,
    keys_pressed text
);
