-- Moves up to ARGV[1] ready messages of one queue into the calling consumer's in-flight hash, in one atomic step:
-- at no instant is a message neither in the queue nor in flight, so a crash cannot lose it.
--
-- KEYS[1] ready list      (producers LPUSH, we RPOP: FIFO)
-- KEYS[2] prioritized zset (priority 1..9; score = priority * 1e13 + enqueue ms, so lower scores go first)
-- KEYS[3] this consumer's in-flight hash (field = delivery tag, value = message)
-- KEYS[4] this consumer's landing list (where its blocking BLMOVE put a message)
-- KEYS[5] consumers zset (consumer -> lease deadline in ms)
-- ARGV[1] max messages, ARGV[2] consumer id, ARGV[3] lease ms, ARGV[4] first delivery tag number,
-- ARGV[5] "1" when the landing list may hold a message
-- Returns a flat array: tag1, message1, tag2, message2, ...
local max = tonumber(ARGV[1])
local tag = tonumber(ARGV[4])
local out = {}
local fields = {}
local taken = 0

local function take(message, suffix)
  -- An empty string is a wake-up token pushed next to a prioritized message; it carries nothing.
  if message == '' then return end
  local field = tostring(tag) .. suffix
  tag = tag + 1
  taken = taken + 1
  fields[#fields + 1] = field
  fields[#fields + 1] = message
  out[#out + 1] = field
  out[#out + 1] = message
end

if ARGV[5] == '1' then
  local landed = redis.call('LRANGE', KEYS[4], 0, -1)
  if #landed > 0 then
    redis.call('DEL', KEYS[4])
    for _, message in ipairs(landed) do take(message, '') end
  end
end

-- Wake-up tokens do not count toward max, so keep popping until max real messages or an empty list: a token
-- popped first must not let a prioritized message overtake a priority-0 message behind it.
while taken < max do
  local popped = redis.call('RPOP', KEYS[1], max - taken)
  if not popped then break end
  for _, message in ipairs(popped) do take(message, '') end
end

if taken < max then
  local best = redis.call('ZPOPMIN', KEYS[2], max - taken)
  for i = 1, #best, 2 do
    -- Remember the score in the tag so that a recovery puts the message back at its priority.
    take(best[i], ':' .. best[i + 1])
  end
end

if taken > 0 then
  -- A consumer whose lease was reaped (it looked dead) must not hold messages no one would recover.
  if not redis.call('ZSCORE', KEYS[5], ARGV[2]) then
    local now = redis.call('TIME')
    redis.call('ZADD', KEYS[5], now[1] * 1000 + math.floor(now[2] / 1000) + tonumber(ARGV[3]), ARGV[2])
  end
  redis.call('HSET', KEYS[3], unpack(fields))
end
return out
