// Reads a JSON array of Cypher statements on stdin and prints, as JSON, one array
// of error messages per statement: Neo4j's own grammar (@neo4j-cypher/language-support)
// decides. Undefined-$parameter notices are not errors: parameters arrive at run time.
import { lintCypherQuery, isNotParamError } from '@neo4j-cypher/language-support';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const schema = JSON.parse(process.argv[2] || '{}');
  const results = JSON.parse(input).map((statement) => {
    const { diagnostics } = lintCypherQuery(statement, schema);
    return diagnostics
      .filter((d) => isNotParamError(d))
      .map((d) => `${d.severity === 1 ? 'error' : 'warning'} at offset ${d.offsets ? d.offsets.start : '?'}: ${d.message}`);
  });
  process.stdout.write(JSON.stringify(results));
});
