// Package openapicheck checks a provider adapter's traffic against the
// provider's published OpenAPI spec in tests: Transport sits between the
// adapter and its emulator, validates every request before it is sent and
// every answer after (with kin-openapi), and counts the operations used, so
// a test can also assert which endpoints a flow touched.
//
// What differs between providers (spec file, the server the spec names,
// which paths the spec does not cover, statuses it does not list, form
// bodies, extra header checks) is in Options; each adapter's
// contract_test.go keeps only its own.
package openapicheck
