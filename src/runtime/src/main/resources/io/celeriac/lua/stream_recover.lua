-- Returns entries that dead consumers left pending (idle longer than the lease: a live consumer resets the idle
-- time of what it runs) to their stream, where any worker reads them. Each one is claimed, re-added as a new
-- entry, then acknowledged and deleted. An entry recovered more than ARGV[4] times goes to the dead-letter list.
-- Consumers of the group that hold nothing and have been idle long are forgotten.
--
-- KEYS[1..10] the streams for priorities 0..9, KEYS[11] dead-letter list, KEYS[12] redelivery counts hash
-- ARGV[1] group, ARGV[2] claiming consumer, ARGV[3] lease ms, ARGV[4] max redeliveries, ARGV[5] queue name
-- Returns {returned, {queue, message, deliveries} of each entry dead-lettered, flattened}: the worker records
-- FAILURE for those, since no worker will ever settle them.
local now = redis.call('TIME')
local now_ms = now[1] * 1000 + math.floor(now[2] / 1000)
local returned, dead = 0, {}
local lease = tonumber(ARGV[3])

local function task_of(message)
  local ok, decoded = pcall(cjson.decode, message)
  if ok and type(decoded) == 'table' and type(decoded.headers) == 'table' and type(decoded.headers.id) == 'string' then
    return decoded.headers.id, decoded.headers.task
  end
  return 'sha1:' .. redis.sha1hex(message), nil
end

for p = 1, 10 do
  local stream = KEYS[p]
  if redis.call('EXISTS', stream) == 1 then
    -- Who held each entry, for a dead letter to name (the claim below makes this consumer the holder).
    local holder = {}
    for _, pending in ipairs(redis.call('XPENDING', stream, ARGV[1], 'IDLE', lease, '-', '+', 100)) do
      holder[pending[1]] = pending[2]
    end
    local claimed = redis.call('XAUTOCLAIM', stream, ARGV[1], ARGV[2], lease, '0-0', 'COUNT', 100)
    for _, entry in ipairs(claimed[2]) do
      local id, fields = entry[1], entry[2]
      local message = ''
      if type(fields) == 'table' then
        for i = 1, #fields, 2 do if fields[i] == 'm' then message = fields[i + 1] end end
      end
      local task_id, task = task_of(message)
      local count = redis.call('HINCRBY', KEYS[12], task_id, 1)
      redis.call('EXPIRE', KEYS[12], 604800)
      if count > tonumber(ARGV[4]) then
        redis.call('LPUSH', KEYS[11], cjson.encode({
          queue = ARGV[5], id = task_id, task = task or cjson.null,
          reason = 'worker lost while running it ' .. count .. ' times (poison message?)',
          exception = cjson.null, worker = holder[id] or cjson.null, time_ms = now_ms, message = message }))
        dead[#dead + 1] = ARGV[5]
        dead[#dead + 1] = message
        dead[#dead + 1] = count
      else
        redis.call('XADD', stream, '*', 'm', message)
        returned = returned + 1
      end
      redis.call('XACK', stream, ARGV[1], id)
      redis.call('XDEL', stream, id)
    end
    local ok, consumers = pcall(redis.call, 'XINFO', 'CONSUMERS', stream, ARGV[1])
    if ok then
      for _, info in ipairs(consumers) do
        local name, pending, idle
        for i = 1, #info, 2 do
          if info[i] == 'name' then name = info[i + 1]
          elseif info[i] == 'pending' then pending = info[i + 1]
          elseif info[i] == 'idle' then idle = info[i + 1] end
        end
        if name and name ~= ARGV[2] and pending == 0 and idle and idle > 10 * lease then
          redis.call('XGROUP', 'DELCONSUMER', stream, ARGV[1], name)
        end
      end
    end
  end
end
return { returned, dead }
