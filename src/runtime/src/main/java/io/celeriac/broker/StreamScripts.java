package io.celeriac.broker;

import io.celeriac.redis.LuaScript;

/** The Lua scripts of the stream transport, loaded once. */
final class StreamScripts {

    static final LuaScript FETCH = LuaScript.load("stream_fetch");
    static final LuaScript SETTLE = LuaScript.load("stream_settle");
    static final LuaScript RECOVER = LuaScript.load("stream_recover");
    static final LuaScript PROMOTE = LuaScript.load("stream_promote");
    static final LuaScript RENEW = LuaScript.load("stream_renew");

    /** The consumer group every Celeriac worker of a queue joins. */
    static final String GROUP = "celeriac";

    private StreamScripts() {
    }
}
