package io.celeriac.broker;

import io.celeriac.redis.LuaScript;

/** The Lua scripts of the Celery-compatible transport, loaded once. */
final class KombuScripts {

    static final LuaScript FETCH = LuaScript.load("kombu_fetch");
    static final LuaScript SETTLE = LuaScript.load("kombu_settle");
    static final LuaScript RENEW = LuaScript.load("kombu_renew");
    static final LuaScript RESTORE = LuaScript.load("kombu_restore");
    static final LuaScript PROMOTE = LuaScript.load("kombu_promote");

    private KombuScripts() {
    }
}
