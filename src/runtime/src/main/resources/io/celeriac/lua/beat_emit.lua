-- Emits one tick of a schedule at most once, however many beat replicas try: the schedule's "last tick" key is
-- compared and advanced in the same atomic step as the publish.
--
-- KEYS[1] the schedule's last-tick key, KEYS[2] where the message goes (ready list, stream or kombu list)
-- ARGV[1] the tick (epoch ms), ARGV[2] "1" if the tick is on time, ARGV[3] "catch-up" or "skip" for late ticks,
-- ARGV[4] how to publish: "lpush" or "xadd", ARGV[5] the message
-- Returns 1 emitted, 0 already emitted by someone, 2 first tick ever seen late (recorded, not emitted),
-- 3 late tick skipped by policy.
local tick = tonumber(ARGV[1])
local last = redis.call('GET', KEYS[1])
if last and tonumber(last) >= tick then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
if ARGV[2] ~= '1' then
  if not last then return 2 end
  if ARGV[3] ~= 'catch-up' then return 3 end
end
if ARGV[4] == 'xadd' then
  redis.call('XADD', KEYS[2], '*', 'm', ARGV[5])
else
  redis.call('LPUSH', KEYS[2], ARGV[5])
end
return 1
