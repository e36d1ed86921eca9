-- Redelivers messages unacknowledged for longer than the visibility timeout (their worker died), as kombu's
-- restore_visible does: back on the right end of their queue's list, flagged as redelivered. A message
-- redelivered more than ARGV[2] times goes to the queue's dead-letter list instead.
--
-- KEYS[1] unacked hash, KEYS[2] unacked_index zset
-- ARGV[1] visibility timeout in seconds, ARGV[2] max redeliveries, ARGV[3] Celeriac key prefix
-- Returns {restored, {queue, message, deliveries} of each message dead-lettered, flattened}: the worker records
-- FAILURE for those, since no worker will ever settle them.
local now = redis.call('TIME')
local now_s = now[1] + now[2] / 1000000
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], 0, now_s - tonumber(ARGV[1]), 'LIMIT', 0, 100)
local restored, dead = 0, {}
for _, tag in ipairs(stale) do
  local raw = redis.call('HGET', KEYS[1], tag)
  redis.call('HDEL', KEYS[1], tag)
  redis.call('ZREM', KEYS[2], tag)
  local ok, entry = pcall(cjson.decode, raw or '')
  if ok and type(entry) == 'table' and type(entry[1]) == 'table' and type(entry[3]) == 'string' then
    local message, queue = entry[1], entry[3]
    local text
    if message.celeriac_undecodable then
      text = message.celeriac_undecodable
    else
      if type(message.headers) == 'table' then message.headers.redelivered = true end
      if type(message.properties) == 'table' and type(message.properties.delivery_info) == 'table' then
        message.properties.delivery_info.redelivered = true
      end
      text = cjson.encode(message)
    end
    local id = type(message.headers) == 'table' and message.headers.id or ('sha1:' .. redis.sha1hex(text))
    local base = ARGV[3] .. ':{' .. queue .. '}:'
    local count = redis.call('HINCRBY', base .. 'redeliveries', id, 1)
    redis.call('EXPIRE', base .. 'redeliveries', 604800)
    if count > tonumber(ARGV[2]) then
      redis.call('LPUSH', base .. 'dead', cjson.encode({
        queue = queue, id = id, task = type(message.headers) == 'table' and message.headers.task or cjson.null,
        reason = 'worker lost while running it ' .. count .. ' times (poison message?)',
        exception = cjson.null, worker = cjson.null, time_ms = math.floor(now_s * 1000), message = text }))
      dead[#dead + 1] = queue
      dead[#dead + 1] = text
      dead[#dead + 1] = count
    else
      redis.call('RPUSH', queue, text)
      restored = restored + 1
    end
  end
end
return { restored, dead }
