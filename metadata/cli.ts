/**
 * Dyad metadata CLI (npm run metadata -- <command>):
 *   build                              write metadata/dist/dyad-metadata-<version>.json
 *   validate <file.json> [options]     check any DHIS2 metadata file offline
 *   docs                               write the data dictionary (metadata/docs, FR and EN)
 *   diff --url <dhis2> --user <u>      what an import would change on a server (by id/code)
 *   install --url <dhis2> --user <u>   dry run (VALIDATE) then import (CREATE_AND_UPDATE, atomic)
 * The password is read from the environment variable DHIS2_PASSWORD.
 */
import { main } from './src/cliMain'

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e))
    process.exit(2)
  },
)
