-- Every menu set that passed validation, once per content hash, and the log of which one was active when.
-- The active revision is the one named by the newest activation; every instance reads it from here.
create table menu_revisions (
    id          bigserial primary key,
    revision    text not null unique,        -- MenuSet.Revision: a hash of the files' names and texts
    files       jsonb not null,              -- [{"path": "12366.yaml", "text": "..."}], paths relative to menus/
    created_at  timestamptz not null default now(),
    created_by  text not null                -- admin key name, or 'file watcher' / 'start-up'
);

create table menu_activations (
    id            bigserial primary key,
    revision_id   bigint not null references menu_revisions(id),
    activated_at  timestamptz not null default now(),
    activated_by  text not null,
    reason        text not null              -- upload, file change, activate, rollback, start-up
);
