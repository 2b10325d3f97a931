package dev.itsm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

class OpenApiLintTest {

    static final String CLEAN = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /api/v1/things:
                get:
                  operationId: listThings
                  summary: List things
                  parameters:
                    - {name: page, in: query, schema: {type: integer, minimum: 0}, example: '0'}
                    - {name: serviceId, in: query, schema: {type: string, format: uuid}}
                    - {name: openedFrom, in: query, schema: {type: string, format: date-time}}
                    - {name: state, in: query, schema: {type: array, items: {$ref: '#/components/schemas/ThingState'}}, examples: {both: {value: [OPEN, SHUT]}}}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/ThingPage'}
                          examples:
                            one: {value: {items: [{id: 5d0f3c8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f, state: OPEN}], page: 0, size: 50, total: 1}}
              /api/v1/things/{id}:
                patch:
                  operationId: updateThing
                  summary: Edit a thing
                  requestBody:
                    content:
                      application/merge-patch+json:
                        schema: {$ref: '#/components/schemas/ThingPatch'}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/ThingView'}
            components:
              schemas:
                ThingState: {type: string, enum: [OPEN, SHUT]}
                ThingView:
                  type: object
                  required: [id, state]
                  properties:
                    id: {type: string, format: uuid}
                    state:
                      description: lifecycle
                      allOf: [{$ref: '#/components/schemas/ThingState'}]
                    details: {type: object}
                ThingPatch:
                  type: object
                  properties:
                    state: {$ref: '#/components/schemas/ThingState'}
                ThingPage:
                  type: object
                  properties:
                    items: {type: array, items: {$ref: '#/components/schemas/ThingView'}}
                    page: {type: integer, examples: [0]}
                    size: {type: integer}
                    total: {type: integer}
            """;

    static JsonNode yaml(String text) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(text);
    }

    @Test
    void aDocumentFollowingTheVocabularyIsClean() throws Exception {
        assertEquals(List.of(), OpenApiLint.findings(yaml(CLEAN)));
    }

    @Test
    void everyKindOfDefectTheIssueNamedIsFound() throws Exception {
        String broken = CLEAN
                .replaceFirst(" *operationId: listThings\n", "")
                .replace("operationId: updateThing", "operationId: UpdateThing")
                .replace("schema: {type: integer, minimum: 0}, example: '0'", "schema: {type: string}, example: '0'")
                .replace("schema: {type: string, format: uuid}}", "schema: {type: string}}")
                .replace("state: OPEN}]", "state: AJAR}]")
                .replace("schema: {$ref: '#/components/schemas/ThingView'}", "schema: {}")
                .replace("ThingPatch:\n      type: object\n", "ThingPatch:\n      type: object\n      required: [state]\n")
                .replace("description: lifecycle\n          allOf: [{$ref: '#/components/schemas/ThingState'}]",
                        "description: lifecycle\n          $ref: '#/components/schemas/ThingState'")
                .replace("ThingState: {type", "Status: {type").replace("schemas/ThingState", "schemas/Status")
                .replace("page: {type: integer, examples: [0]}", "page: {type: integer, examples: [first]}")
                .replace("examples: {both: {value: [OPEN, SHUT]}}", "example: 'OPEN,SHUT'");
        List<String> findings = OpenApiLint.findings(yaml(broken));
        String all = String.join("\n", findings);
        for (String expected : List.of(
                "GET /api/v1/things: no operationId",
                "PATCH /api/v1/things/{id}: operationId 'UpdateThing' is not camelCase",
                "parameter 'page': should be documented as an integer",
                "parameter 'serviceId': should be documented with format uuid",
                "response 200 (application/json) example 'one': does not match its schema",
                "PATCH /api/v1/things/{id} response 200 (application/json): untyped schema",
                "a merge-patch body must not require fields, but requires [state]",
                "$ref with sibling keywords [description]",
                "components.schemas.Status: the name says nothing",
                "components.schemas.ThingPage.page example: does not match its schema",
                "parameter 'state' example: does not match its schema")) {
            assertTrue(all.contains(expected), "expected a finding containing '" + expected + "' in:\n" + all);
        }
    }

    @Test
    void aBareObjectBodyIsUntypedButABareObjectPropertyIsFreeForm() throws Exception {
        String bare = CLEAN.replace("schema: {$ref: '#/components/schemas/ThingPatch'}", "schema: {type: object}");
        assertEquals(List.of("PATCH /api/v1/things/{id} request body (application/merge-patch+json): untyped schema"),
                OpenApiLint.findings(yaml(bare)));
    }

    @Test
    void operationIdsMustBeUniqueAcrossTheDocument() throws Exception {
        String twice = CLEAN.replace("operationId: updateThing", "operationId: listThings");
        assertEquals(List.of("PATCH /api/v1/things/{id}: operationId 'listThings' is also used by GET /api/v1/things"),
                OpenApiLint.findings(yaml(twice)));
    }
}
