-- Campaigns: SMS (and later voice) reminders to taxpayers, planned into runs of targets, each send an attempt row.

-- A sample of the taxpayer tables an audience query selects from (a deployment points audiences at its own views).
create table taxpayers (
    taxpayer_id   text primary key,
    name          text not null,
    phone         text not null,
    tax_office    text not null default ''
);

create table taxpayer_filings (
    taxpayer_id   text not null references taxpayers(taxpayer_id),
    tax_kind      text not null,
    period        text not null,
    filed_at      timestamptz,
    primary key (taxpayer_id, tax_kind, period)
);

-- Opt-outs (the menus' unsubscribe) and explicit consent; a row here means: never send reminders.
create table do_not_contact (
    phone         text primary key,
    reason        text not null,
    added_at      timestamptz not null default now()
);

create table campaigns (
    id               bigserial primary key,
    name             text not null,
    kind             text not null check (kind in ('sms', 'voice', 'sms_then_voice')),
    state            text not null default 'draft'
                     check (state in ('draft', 'scheduled', 'running', 'paused', 'finished', 'cancelled')),
    template_code    text not null,
    template_text    text not null default '',
    audience_sql     text,
    schedule         text,
    next_run_at      timestamptz,
    windows          text not null default '09:00-12:00,14:00-18:00',
    time_zone        text not null default 'Asia/Shanghai',
    sms_per_second   double precision not null default 10 check (sms_per_second > 0),
    max_concurrent_calls int not null default 30 check (max_concurrent_calls > 0),
    calls_per_second double precision not null default 10 check (calls_per_second > 0),
    retry_policy     jsonb not null default '{}',
    chunk_size       int not null default 500 check (chunk_size > 0),
    created_at       timestamptz not null default now()
);

create table campaign_runs (
    id            bigserial primary key,
    campaign_id   bigint not null references campaigns(id),
    planned_at    timestamptz not null,
    chunk_count   int not null default 0,
    target_count  int not null default 0,
    finished_at   timestamptz
);
create index on campaign_runs (campaign_id);

-- Targets of a run; state moves pending -> sending -> sent/delivered/failed (or retry -> sending again).
create table campaign_targets (
    id              bigserial primary key,
    run_id          bigint not null references campaign_runs(id),
    chunk_no        int not null,
    taxpayer_id     text not null,
    phone           text not null,
    variables       jsonb not null default '{}',
    state           text not null default 'pending'
                    check (state in ('pending', 'retry', 'sending', 'unknown', 'sent', 'delivered', 'failed', 'cancelled', 'opted_out')),
    attempt_count   int not null default 0,
    next_attempt_at timestamptz not null default '-infinity',
    unique (run_id, taxpayer_id)
);
create index on campaign_targets (run_id, chunk_no, state);

-- One row per provider call, written in state 'sending' and committed before the call: the record of intent.
create table campaign_attempts (
    id                  bigserial primary key,
    target_id           bigint not null references campaign_targets(id),
    attempt_no          int not null,
    out_id              text not null unique,
    provider            text not null,
    state               text not null
                        check (state in ('sending', 'unknown', 'accepted', 'delivered', 'rejected', 'failed', 'throttled', 'not_sent')),
    provider_message_id text,
    code                text,
    detail              text,
    started_at          timestamptz not null,
    finished_at         timestamptz,
    unique (target_id, attempt_no)
);
create index on campaign_attempts (provider, provider_message_id);

-- Delivery receipts as received, kept whole so a receipt for an unknown message is not lost.
create table sms_receipts (
    id                  bigserial primary key,
    provider            text not null,
    out_id              text,
    provider_message_id text,
    success             boolean not null,
    code                text,
    received_at         timestamptz not null default now(),
    body                jsonb not null
);

-- An uploaded CSV audience (COPY-loaded), used when the campaign has no audience SQL.
create table campaign_audience_rows (
    campaign_id   bigint not null references campaigns(id),
    taxpayer_id   text not null,
    phone         text not null,
    variables     jsonb not null default '{}'
);
create index on campaign_audience_rows (campaign_id);
