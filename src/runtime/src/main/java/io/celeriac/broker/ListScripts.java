package io.celeriac.broker;

import io.celeriac.redis.LuaScript;

/** The Lua scripts of the list transport, loaded once. */
final class ListScripts {

    static final LuaScript FETCH = LuaScript.load("list_fetch");
    static final LuaScript REQUEUE = LuaScript.load("list_requeue");
    static final LuaScript RECOVER = LuaScript.load("list_recover");
    static final LuaScript DEAD_LETTER = LuaScript.load("list_dead_letter");
    static final LuaScript RESCHEDULE = LuaScript.load("list_reschedule");
    static final LuaScript PROMOTE = LuaScript.load("delayed_promote");
    static final LuaScript RENEW = LuaScript.load("lease_renew");
    static final LuaScript DEAD_REQUEUE = LuaScript.load("dead_requeue");
    static final LuaScript DEAD_PURGE = LuaScript.load("dead_purge");
    static final LuaScript LEAVE = LuaScript.load("consumer_leave");

    private ListScripts() {
    }
}
