#!/bin/sh
# A BuildKit SBOM generator for the tests: one package, named after what the build wrote to /made.
set -e
name=$(cat "$BUILDKIT_SCAN_SOURCE/made")
printf '{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://spdx.dev/Document","subject":[],"predicate":{"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT","name":"sc-test-scan","packages":[{"name":"%s","SPDXID":"SPDXRef-Package-made","versionInfo":"1.2.3","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:generic/%s@1.2.3"}]}]}}' \
    "$name" "$name" >"$BUILDKIT_SCAN_DESTINATION/$(basename "$BUILDKIT_SCAN_SOURCE").spdx.json"
