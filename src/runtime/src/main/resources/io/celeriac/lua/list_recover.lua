-- Returns the in-flight messages of consumers whose lease has expired (dead workers) to their queue.
-- A message recovered more than ARGV[2] times has killed or outlived every worker that took it: it goes to the
-- dead-letter list with that reason instead of looping forever.
--
-- KEYS[1] consumers zset, KEYS[2] ready list, KEYS[3] prioritized zset, KEYS[4] dead-letter list,
-- KEYS[5] redelivery counts hash (task id -> recoveries)
-- ARGV[1] key prefix of per-consumer keys ("<prefix>:{queue}:"), ARGV[2] max redeliveries, ARGV[3] queue name
-- Returns {messages returned, {reaped consumer names...}, {queue, message, deliveries} of each message dead-lettered,
-- flattened}: the worker records FAILURE for those, since no worker will ever settle them.
local now = redis.call('TIME')
local now_ms = now[1] * 1000 + math.floor(now[2] / 1000)
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now_ms, 'LIMIT', 0, 16)
local max_redeliveries = tonumber(ARGV[2])
local returned, dead = 0, {}
local wake = false

local function task_id(message)
  local ok, decoded = pcall(cjson.decode, message)
  if ok and type(decoded) == 'table' and type(decoded.headers) == 'table' and type(decoded.headers.id) == 'string' then
    return decoded.headers.id, decoded.headers.task
  end
  return 'sha1:' .. redis.sha1hex(message), nil
end

local function recover(field, message, consumer)
  if message == '' then return end
  local id, task = task_id(message)
  local count = redis.call('HINCRBY', KEYS[5], id, 1)
  if count > max_redeliveries then
    local entry = cjson.encode({
      queue = ARGV[3], id = id, task = task or cjson.null,
      reason = 'worker lost while running it ' .. count .. ' times (poison message?)',
      exception = cjson.null, worker = consumer, time_ms = now_ms, message = message })
    redis.call('LPUSH', KEYS[4], entry)
    dead[#dead + 1] = ARGV[3]
    dead[#dead + 1] = message
    dead[#dead + 1] = count
    return
  end
  local score = field and string.match(field, ':(.+)$')
  if score then
    redis.call('ZADD', KEYS[3], score, message)
    wake = true
  else
    redis.call('RPUSH', KEYS[2], message)
  end
  returned = returned + 1
end

for _, consumer in ipairs(expired) do
  local inflight = ARGV[1] .. 'inflight:' .. consumer
  local landing = ARGV[1] .. 'landing:' .. consumer
  local entries = redis.call('HGETALL', inflight)
  for i = 1, #entries, 2 do recover(entries[i], entries[i + 1], consumer) end
  local landed = redis.call('LRANGE', landing, 0, -1)
  for _, message in ipairs(landed) do recover(nil, message, consumer) end
  redis.call('DEL', inflight, landing)
  redis.call('ZREM', KEYS[1], consumer)
end
if wake then redis.call('LPUSH', KEYS[2], '') end
if returned > 0 or #dead > 0 then
  -- Counts only matter while a message keeps coming back; a week is plenty.
  redis.call('EXPIRE', KEYS[5], 604800)
end
return { returned, expired, dead }
