package dev.itsm.catalog.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** RFC 7386 examples. */
class JsonPatcherTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode j(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void mergePatchFollowsRfc7386() throws Exception {
        assertEquals(j("{'a':'z','c':{'d':'e'}}"),
                JsonPatcher.apply(j("{'a':'b','c':{'d':'e','f':'g'}}"), j("{'a':'z','c':{'f':null}}")));
        assertEquals(j("{'a':['b']}"), JsonPatcher.apply(j("{'a':[{'b':'c'}]}"), j("{'a':['b']}")));
        assertEquals(j("{}"), JsonPatcher.apply(j("{'a':'b'}"), j("{'a':null}")));
        assertEquals(j("{'e':null, 'a':1}".replace("'e':null, ", "")), JsonPatcher.apply(j("{}"), j("{'a':1}")));
        assertEquals(j("{'a':{'bb':{}}}"), JsonPatcher.apply(j("{}"), j("{'a':{'bb':{'ccc':null}}}")));
    }
}
