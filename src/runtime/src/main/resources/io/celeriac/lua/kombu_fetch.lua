-- Takes up to ARGV[1] messages of a Celery-compatible queue and records them as unacknowledged the way kombu
-- does (unacked hash: tag -> [message, exchange, routing key]; unacked_index: tag -> time in seconds), in one
-- atomic step: unlike kombu's BRPOP-then-HSET, no crash can lose a message between the two.
--
-- KEYS[1] unacked hash, KEYS[2] unacked_index zset, KEYS[3..] the queue's lists in priority order
-- ARGV[1] max messages, ARGV[2] queue name (the routing key)
-- Returns a flat array: tag1, message1, tag2, message2, ...
local max = tonumber(ARGV[1])
local now = redis.call('TIME')
local now_s = now[1] + now[2] / 1000000
local routing_key = cjson.encode(ARGV[2])
local out = {}

local function tag_of(message)
  local ok, decoded = pcall(cjson.decode, message)
  if ok and type(decoded) == 'table' and type(decoded.properties) == 'table'
      and type(decoded.properties.delivery_tag) == 'string' and decoded.properties.delivery_tag ~= '' then
    return decoded.properties.delivery_tag, true
  end
  -- Not a kombu message: it still needs a handle until it is dead-lettered.
  return 'celeriac-' .. redis.sha1hex(message .. now_s .. #out), false
end

for i = 3, #KEYS do
  local taken = #out / 2
  if taken >= max then break end
  local popped = redis.call('RPOP', KEYS[i], max - taken)
  if popped then
    for _, message in ipairs(popped) do
      local tag, valid = tag_of(message)
      -- kombu restores entries by decoding them: keep the entry valid JSON even for garbage.
      local held = valid and message or cjson.encode({ celeriac_undecodable = message })
      redis.call('HSET', KEYS[1], tag, '[' .. held .. ', "", ' .. routing_key .. ']')
      redis.call('ZADD', KEYS[2], now_s, tag)
      out[#out + 1] = tag
      out[#out + 1] = message
    end
  end
end
return out
