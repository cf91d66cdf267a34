namespace Ivr.Service.Seats.Store;

/// <summary>
/// The Lua scripts that change seats and waiting lines. Each runs atomically in Redis, so however many service
/// instances share the board, a seat is offered one call at a time and a caller to one seat. Time is Redis's own
/// clock (TIME), so instances with skewed clocks agree on idle times and wrap-up ends. ARGV[1] is the key prefix.
/// </summary>
static class SeatScripts
{
    const string Common = """
        local p = ARGV[1]
        local function now() local t = redis.call('TIME') return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) end
        local function skillsOf(raw)
          local s = {}
          for name, level in string.gmatch(raw or '', '([^,=]+)=(%d+)') do s[name] = tonumber(level) end
          return s
        end
        local function needs(queueSkills, own)
          local n = {}
          for name in string.gmatch(queueSkills or '', '[^,]+') do n[#n + 1] = name end
          if own and own ~= '' then n[#n + 1] = own end
          return n
        end
        -- The seat's level for a call: its lowest level among the skills needed, -1 when it lacks one.
        local function levelFor(skills, need)
          local level = 1000
          for _, name in ipairs(need) do
            local l = skills[name]
            if l == nil then return -1 end
            if l < level then level = l end
          end
          return level
        end
        local function count(key, field, by) redis.call('HINCRBY', key, field, by) redis.call('EXPIRE', key, 172800) end
        -- A router that once held a lease and lost it is gone; names that never held one (tests, the callbacks inbox) live.
        local function gone(instance)
          return redis.call('SISMEMBER', p .. 'routers', instance) == 1 and redis.call('EXISTS', p .. 'lease:' .. instance) == 0
        end
        -- A seat that stops ringing without a miss goes back to its old place in the idle order.
        local function withdraw(seat)
          local key = p .. 'seat:' .. seat
          local idle = redis.call('HGET', key, 'idle') or now()
          redis.call('HDEL', key, 'call')
          redis.call('HSET', key, 'state', 'available', 'since', idle, 'until', idle)
          redis.call('ZADD', p .. 'available', idle, seat)
        end

        """;

    /// <summary>ARGV: prefix, seat, skills ("vat=5,cit=3"). Logs the seat in (available now) or updates its skills.</summary>
    public const string Login = Common + """
        local key = p .. 'seat:' .. ARGV[2]
        local state = redis.call('HGET', key, 'state')
        redis.call('SADD', p .. 'seats', ARGV[2])
        redis.call('HSET', key, 'skills', ARGV[3])
        if state == false or state == 'loggedout' then
          local t = now()
          redis.call('HSET', key, 'state', 'available', 'since', t, 'missed', 0, 'reason', '')
          redis.call('ZADD', p .. 'available', t, ARGV[2])
          return 'available'
        end
        return state
        """;

    /// <summary>ARGV: prefix, seat. Refused (returns the state) while the seat is offered a call or talking.</summary>
    public const string Logout = Common + """
        local key = p .. 'seat:' .. ARGV[2]
        local state = redis.call('HGET', key, 'state')
        if state == false then return 'unknown' end
        if state == 'offered' or state == 'busy' then return state end
        redis.call('HSET', key, 'state', 'loggedout', 'since', now(), 'reason', '')
        redis.call('HDEL', key, 'pending')
        redis.call('ZREM', p .. 'available', ARGV[2])
        return 'loggedout'
        """;

    /// <summary>ARGV: prefix, seat, reason ('' to unpause). A seat on a call is paused when the call ends.</summary>
    public const string Pause = Common + """
        local key = p .. 'seat:' .. ARGV[2]
        local state = redis.call('HGET', key, 'state')
        if state == false or state == 'loggedout' then return state or 'unknown' end
        if ARGV[3] == '' then
          redis.call('HDEL', key, 'pending')
          if state ~= 'paused' then return state end
          local t = now()
          redis.call('HSET', key, 'state', 'available', 'since', t, 'reason', '', 'missed', 0)
          redis.call('ZADD', p .. 'available', t, ARGV[2])
          return 'available'
        end
        if state == 'offered' or state == 'busy' then
          redis.call('HSET', key, 'pending', ARGV[3])
          return state
        end
        redis.call('HSET', key, 'state', 'paused', 'reason', ARGV[3], 'since', now())
        redis.call('ZREM', p .. 'available', ARGV[2])
        return 'paused'
        """;

    /// <summary>
    /// ARGV: prefix, queue, call, instance, skill, priority, max length, join empty (1/0), queue skills, date, score ('' = new).
    /// Returns the 1-based position, -1 when the queue is full, -2 when no seat with the skills is logged in.
    /// Higher priority sorts first; within a priority, first come first served (a kept score keeps the place).
    /// </summary>
    public const string Enqueue = Common + """
        local waiting = p .. 'q:' .. ARGV[2] .. ':waiting'
        if redis.call('ZCARD', waiting) >= tonumber(ARGV[7]) then return -1 end
        if ARGV[8] == '0' then
          local need = needs(ARGV[9], ARGV[5])
          local found = false
          for _, seat in ipairs(redis.call('SMEMBERS', p .. 'seats')) do
            local h = redis.call('HMGET', p .. 'seat:' .. seat, 'state', 'skills')
            if h[1] and h[1] ~= 'loggedout' and levelFor(skillsOf(h[2]), need) >= 0 then found = true break end
          end
          if not found then return -2 end
        end
        local t = now()
        local score = ARGV[11]
        if score == '' then score = -tonumber(ARGV[6]) * 1e10 + redis.call('INCR', p .. 'seq') end
        redis.call('HSET', p .. 'call:' .. ARGV[3], 'instance', ARGV[4], 'queue', ARGV[2], 'skill', ARGV[5], 'score', score,
          'enqueued', t, 'state', 'waiting')
        redis.call('ZADD', waiting, score, ARGV[3])
        redis.call('ZADD', p .. 'q:' .. ARGV[2] .. ':since', t, ARGV[3])
        local byChannel = p .. 'chan:' .. string.sub(ARGV[3], #ARGV[4] + 2)
        redis.call('SADD', byChannel, ARGV[3])
        redis.call('EXPIRE', byChannel, 86400)
        redis.call('SADD', p .. 'queues', ARGV[2])
        count(p .. 'stats:' .. ARGV[2] .. ':' .. ARGV[10], 'entered', 1)
        return redis.call('ZRANK', waiting, ARGV[3]) + 1
        """;

    /// <summary>
    /// ARGV: prefix, queue, queue skills, most offers to make, ring-all (1/0). The routing decision: callers in line order
    /// (the first 50), each to the best-levelled available seat, the longest idle among equals — or, ring-all, to every
    /// available seat with the skills (callbacks still get one). Claims them and posts the offer to the caller's instance.
    /// Callers of a router that is gone are passed over, keeping their place, until another router adopts them.
    /// Returns "call|seat[,seat…]|queue" per offer.
    /// </summary>
    public const string Match = Common + """
        local queue = ARGV[2]
        local waiting = p .. 'q:' .. queue .. ':waiting'
        local out = {}
        local callers = redis.call('ZRANGE', waiting, 0, 49)
        if #callers == 0 then return out end
        local t = now()
        local seats = redis.call('ZRANGEBYSCORE', p .. 'available', '-inf', t, 'LIMIT', 0, 2000)
        if #seats == 0 then return out end
        local cache, taken = {}, {}
        local max = tonumber(ARGV[4])
        local idleOf = {}
        local raw = redis.call('ZRANGEBYSCORE', p .. 'available', '-inf', t, 'WITHSCORES', 'LIMIT', 0, 2000)
        for i = 1, #raw, 2 do idleOf[raw[i]] = raw[i + 1] end
        local free = #seats
        local dead = {}
        for _, call in ipairs(callers) do
          if #out >= max or free == 0 then break end
          local c = redis.call('HMGET', p .. 'call:' .. call, 'skill', 'instance')
          if dead[c[2]] == nil then dead[c[2]] = gone(c[2]) end
          if not dead[c[2]] then
            local need = needs(ARGV[3], c[1])
            local all = ARGV[5] == '1' and c[2] ~= 'callbacks'
            local picked, bestLevel = {}, -1
            for _, seat in ipairs(seats) do
              if not taken[seat] then
                if cache[seat] == nil then cache[seat] = skillsOf(redis.call('HGET', p .. 'seat:' .. seat, 'skills')) end
                local level = levelFor(cache[seat], need)
                if all then
                  if level >= 0 then picked[#picked + 1] = seat end
                elseif level > bestLevel then picked[1], bestLevel = seat, level end
              end
            end
            if #picked > 0 then
              redis.call('ZREM', waiting, call)
              redis.call('ZREM', p .. 'q:' .. queue .. ':since', call)
              for _, seat in ipairs(picked) do
                taken[seat] = true
                free = free - 1
                redis.call('ZREM', p .. 'available', seat)
                redis.call('HSET', p .. 'seat:' .. seat, 'state', 'offered', 'call', call, 'queue', queue, 'since', t, 'idle', idleOf[seat])
              end
              local list = table.concat(picked, ',')
              redis.call('HSET', p .. 'call:' .. call, 'state', 'offered', 'seat', list, 'ringing', #picked)
              local msg = call .. '|' .. list .. '|' .. queue
              redis.call('RPUSH', p .. 'inbox:' .. c[2], msg)
              redis.call('PUBLISH', p .. 'inbox:' .. c[2], msg)
              out[#out + 1] = msg
            end
          end
        end
        return out
        """;

    /// <summary>
    /// ARGV: prefix, seat, call, date, seat leg. The offered seat answered: it is busy, and the caller keeps the leg so a
    /// router adopting the call can watch it. Returns 0 when the offer is stale or another seat answered first.
    /// </summary>
    public const string Answered = Common + """
        local key = p .. 'seat:' .. ARGV[2]
        local h = redis.call('HMGET', key, 'state', 'call', 'queue')
        if h[1] ~= 'offered' or h[2] ~= ARGV[3] then return 0 end
        local c = p .. 'call:' .. ARGV[3]
        -- Ring-all: a second seat answering the same caller is too late.
        if redis.call('HGET', c, 'state') ~= 'offered' then return 0 end
        local t = now()
        redis.call('HSET', key, 'state', 'busy', 'since', t, 'missed', 0)
        redis.call('HSET', c, 'state', 'talking', 'seat', ARGV[2], 'leg', ARGV[5])
        local stats = p .. 'stats:' .. h[3] .. ':' .. ARGV[4]
        count(stats, 'answered', 1)
        local enqueued = tonumber(redis.call('HGET', c, 'enqueued') or t)
        if t - enqueued <= 20000 then count(stats, 'answered20', 1) end
        return 1
        """;

    /// <summary>
    /// ARGV: prefix, seat, call, outcome (missed | caller-gone | ended | withdrawn), wrap-up ms, misses before pause, date.
    /// missed: the seat goes to the back of the idle order (paused "no answer" after too many) and, once no seat rings
    /// for it any more, the caller goes back to its place in line; caller-gone: the seat is free again; ended: the seat
    /// enters wrap-up and the handle time counts; withdrawn (ring-all, another seat answered): the seat is free at its
    /// old place in the idle order, no miss counted.
    /// Returns the seat's new state, or 'stale' when the seat is no longer on this call.
    /// </summary>
    public const string Release = Common + """
        local key = p .. 'seat:' .. ARGV[2]
        local h = redis.call('HMGET', key, 'state', 'call', 'since', 'pending', 'queue')
        if h[2] ~= ARGV[3] then return 'stale' end
        local t = now()
        local outcome = ARGV[4]
        local c = p .. 'call:' .. ARGV[3]
        local stats = p .. 'stats:' .. (h[5] or '') .. ':' .. ARGV[7]
        if outcome == 'withdrawn' then
          withdraw(ARGV[2])
          return 'available'
        end
        redis.call('HDEL', key, 'call')
        local state = 'available'
        local at = t
        if outcome == 'missed' then
          local missed = redis.call('HINCRBY', key, 'missed', 1)
          local ch = redis.call('HMGET', c, 'state', 'queue', 'score', 'enqueued')
          if ch[1] == 'offered' and redis.call('HINCRBY', c, 'ringing', -1) <= 0 then
            redis.call('HSET', c, 'state', 'waiting')
            redis.call('HDEL', c, 'seat', 'placing', 'ringing')
            redis.call('ZADD', p .. 'q:' .. ch[2] .. ':waiting', ch[3], ARGV[3])
            redis.call('ZADD', p .. 'q:' .. ch[2] .. ':since', ch[4], ARGV[3])
          end
          if missed >= tonumber(ARGV[6]) then
            redis.call('HSET', key, 'state', 'paused', 'reason', 'no answer', 'since', t)
            redis.call('ZREM', p .. 'available', ARGV[2])
            return 'paused'
          end
        elseif outcome == 'ended' then
          local talk = t - tonumber(h[3] or t)
          count(stats, 'handled', 1)
          count(stats, 'handleMs', talk)
          local seatStats = p .. 'seatstats:' .. ARGV[2] .. ':' .. ARGV[7]
          count(seatStats, 'handled', 1)
          count(seatStats, 'talkMs', talk)
          redis.call('LPUSH', p .. 'q:' .. (h[5] or '') .. ':handle', talk)
          redis.call('LTRIM', p .. 'q:' .. (h[5] or '') .. ':handle', 0, 49)
          redis.call('DEL', c)
          state = 'wrapup'
          at = t + tonumber(ARGV[5])
        elseif redis.call('EXISTS', c) == 1 then
          count(stats, 'abandoned', 1)
          redis.call('DEL', c)
        end
        if h[4] and h[4] ~= '' then
          redis.call('HSET', key, 'state', 'paused', 'reason', h[4], 'since', t)
          redis.call('HDEL', key, 'pending')
          redis.call('ZREM', p .. 'available', ARGV[2])
          return 'paused'
        end
        redis.call('HSET', key, 'state', state, 'since', t, 'until', at)
        redis.call('ZADD', p .. 'available', at, ARGV[2])
        return state
        """;

    /// <summary>ARGV: prefix, call, abandoned (1/0), date. Takes a waiting caller out of line; 0 when it was not waiting.</summary>
    public const string Leave = Common + """
        local c = p .. 'call:' .. ARGV[2]
        local h = redis.call('HMGET', c, 'state', 'queue', 'score')
        if h[1] ~= 'waiting' then return 0 end
        -- A caller leaving for a callback keeps its place in line for a while.
        if ARGV[3] == '0' then redis.call('SET', p .. 'left:' .. ARGV[2], h[3], 'EX', 900) end
        redis.call('ZREM', p .. 'q:' .. h[2] .. ':waiting', ARGV[2])
        redis.call('ZREM', p .. 'q:' .. h[2] .. ':since', ARGV[2])
        redis.call('DEL', c)
        if ARGV[3] == '1' then count(p .. 'stats:' .. h[2] .. ':' .. ARGV[4], 'abandoned', 1) end
        return 1
        """;

    /// <summary>ARGV: prefix, queue, call, queue skills. Position (0 when not waiting), seats staffed for the queue, recent handle times.</summary>
    public const string View = Common + """
        local rank = redis.call('ZRANK', p .. 'q:' .. ARGV[2] .. ':waiting', ARGV[3])
        local skill = redis.call('HGET', p .. 'call:' .. ARGV[3], 'skill')
        local need = needs(ARGV[4], skill)
        local staffed = 0
        for _, seat in ipairs(redis.call('SMEMBERS', p .. 'seats')) do
          local h = redis.call('HMGET', p .. 'seat:' .. seat, 'state', 'skills')
          if h[1] and h[1] ~= 'loggedout' and h[1] ~= 'paused' and levelFor(skillsOf(h[2]), need) >= 0 then staffed = staffed + 1 end
        end
        local handle = redis.call('LRANGE', p .. 'q:' .. ARGV[2] .. ':handle', 0, -1)
        return { rank and (rank + 1) or 0, staffed, handle }
        """;

    /// <summary>ARGV: prefix, call, seat. 1 for the one placement of this offer; 0 for a duplicate job or a stale offer.</summary>
    public const string ClaimPlacement = Common + """
        local c = p .. 'call:' .. ARGV[2]
        local h = redis.call('HMGET', c, 'state', 'seat')
        if h[1] ~= 'offered' or h[2] ~= ARGV[3] then return 0 end
        return redis.call('HSETNX', c, 'placing', 1)
        """;
    /// <summary>ARGV: prefix, instance, lease ms. The router is alive for the lease; it is known as a router from now on.</summary>
    public const string Heartbeat = Common + """
        redis.call('SADD', p .. 'routers', ARGV[2])
        redis.call('SET', p .. 'lease:' .. ARGV[2], 1, 'PX', ARGV[3])
        return 1
        """;

    /// <summary>
    /// ARGV: prefix, channel, new call id, new instance. A caller on <c>channel</c> left by a router that is gone — or by
    /// this one before a restart — is adopted under the new id. Waiting or ringing: same score and arrival time, so the
    /// same place in line; seats still ringing for it are withdrawn; returns {queue, position, ms waited}. Talking: the
    /// seat now names the new id; returns {queue, 0, ms waited, seat, seat leg}. {} when there is none.
    /// </summary>
    public const string Adopt = Common + """
        local byChannel = p .. 'chan:' .. ARGV[2]
        for _, old in ipairs(redis.call('SMEMBERS', byChannel)) do
          local c = p .. 'call:' .. old
          local h = redis.call('HMGET', c, 'state', 'queue', 'score', 'enqueued', 'instance', 'seat')
          if h[1] == false then
            redis.call('SREM', byChannel, old)
          elseif (old == ARGV[3] or gone(h[5])) and h[1] == 'talking' then
            local fields = redis.call('HGETALL', c)
            redis.call('DEL', c)
            redis.call('SREM', byChannel, old)
            local n = p .. 'call:' .. ARGV[3]
            redis.call('HSET', n, unpack(fields))
            redis.call('HSET', n, 'instance', ARGV[4])
            redis.call('SADD', byChannel, ARGV[3])
            local seat = p .. 'seat:' .. h[6]
            if redis.call('HGET', seat, 'call') == old then redis.call('HSET', seat, 'call', ARGV[3]) end
            return { h[2], 0, now() - tonumber(h[4]), h[6], redis.call('HGET', n, 'leg') or '' }
          elseif (old == ARGV[3] or gone(h[5])) and (h[1] == 'waiting' or h[1] == 'offered') then
            if h[1] == 'offered' then
              for seat in string.gmatch(h[6] or '', '[^,]+') do
                if redis.call('HGET', p .. 'seat:' .. seat, 'call') == old then withdraw(seat) end
              end
              -- An offer not yet taken from the old inbox would ring withdrawn seats if that instance came back.
              redis.call('LREM', p .. 'inbox:' .. h[5], 0, old .. '|' .. h[6] .. '|' .. h[2])
            end
            local waiting = p .. 'q:' .. h[2] .. ':waiting'
            local since = p .. 'q:' .. h[2] .. ':since'
            redis.call('ZREM', waiting, old)
            redis.call('ZREM', since, old)
            local fields = redis.call('HGETALL', c)
            redis.call('DEL', c)
            redis.call('SREM', byChannel, old)
            local n = p .. 'call:' .. ARGV[3]
            redis.call('HSET', n, unpack(fields))
            redis.call('HSET', n, 'instance', ARGV[4], 'state', 'waiting')
            redis.call('HDEL', n, 'seat', 'ringing', 'placing')
            redis.call('ZADD', waiting, h[3], ARGV[3])
            redis.call('ZADD', since, h[4], ARGV[3])
            redis.call('SADD', byChannel, ARGV[3])
            return { h[2], redis.call('ZRANK', waiting, ARGV[3]) + 1, now() - tonumber(h[4]) }
          end
        end
        return {}
        """;
}
