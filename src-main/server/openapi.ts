// GET /openapi.json: the HTTP API described by hand in OpenAPI 3.1. openapi.test.ts checks that
// every route in routes.ts appears here and nothing else does.
import { LIBRARY_METHODS } from '../../src-shared/api.js';
import { CATEGORIES, KINDS } from '../../src-shared/taxonomy.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] });
const json = (schema: Schema, description: string): Schema => ({ description, content: { 'application/json': { schema } } });
const errorResponse = (description: string): Schema => json(ref('Error'), description);

const idParameter: Schema = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Sample id',
  schema: { type: 'integer', minimum: 0 },
};
const queryParameter = (name: string, schema: Schema, description: string): Schema => ({ name, in: 'query', required: false, description, schema });
const pageParameters: Schema[] = [
  queryParameter('offset', { type: 'integer', minimum: 0, default: 0 }, 'Items to skip'),
  queryParameter('limit', { type: 'integer', minimum: 1, maximum: 10000 }, 'Page size'),
  queryParameter('sort', { type: 'string', enum: ['name', 'path', 'category', 'duration', 'bpm'] }, 'Sort order'),
];
const filterParameters: Schema[] = [
  queryParameter('category', { type: 'string', enum: [...CATEGORIES] }, 'Only this category'),
  queryParameter('kind', { type: 'string', enum: [...KINDS] }, 'Only one-shots or only loops'),
];

const schemas: Record<string, Schema> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: {
            type: 'string',
            description:
              'bad_request (400), forbidden_host (403), not_found (404), method_not_allowed (405), too_large (413), ' +
              'unsupported_media_type (415), range_not_satisfiable (416), unsupported_audio (422), busy (423), internal (500)',
          },
          message: { type: 'string' },
        },
      },
    },
  },
  Stats: {
    type: 'object',
    description: 'The prototype fields (total_samples, genres, embedding_dimension) come first.',
    required: ['total_samples', 'genres', 'embedding_dimension'],
    properties: {
      total_samples: { type: 'integer' },
      genres: { type: 'object', additionalProperties: { type: 'integer' } },
      embedding_dimension: { type: 'integer' },
      categories: { type: 'object', additionalProperties: { type: 'integer' } },
      kinds: { type: 'object', additionalProperties: { type: 'integer' } },
      failed: { type: 'integer' },
      flagged: { type: 'integer' },
      roots: { type: 'array', items: { type: 'string' } },
      store: {
        type: 'object',
        description: 'Where similarity searches run: the local index file, or a Chroma server collection (--store chroma).',
        required: ['kind', 'location', 'vectors'],
        properties: {
          kind: { type: 'string', enum: ['local', 'chroma'] },
          location: { type: 'string' },
          vectors: { type: 'integer' },
        },
      },
    },
  },
  Prediction: {
    type: 'object',
    required: ['value', 'source', 'confidence'],
    properties: {
      value: { type: 'string' },
      source: { type: 'string', enum: ['model', 'user', 'path'] },
      confidence: { type: 'number' },
    },
  },
  FormatFacts: {
    type: 'object',
    properties: {
      container: { type: 'string', enum: ['wav', 'aiff', 'flac', 'mp3', 'ogg'] },
      codec: { type: 'string' },
      sampleRate: { type: 'integer' },
      channels: { type: 'integer' },
      bitDepth: nullable({ type: 'integer' }),
      durationSec: { type: 'number' },
    },
  },
  AnomalyInfo: {
    type: 'object',
    properties: {
      flagged: { type: 'boolean' },
      score: nullable({ type: 'number' }),
      reasons: { type: 'array', items: { type: 'string' } },
    },
  },
  SampleRecord: {
    type: 'object',
    required: ['id', 'path', 'name'],
    properties: {
      id: { type: 'integer' },
      path: { type: 'string' },
      name: { type: 'string' },
      sizeBytes: { type: 'integer' },
      mtimeMs: { type: 'number' },
      contentHash: { type: 'string' },
      format: nullable(ref('FormatFacts')),
      durationSec: nullable({ type: 'number' }),
      kind: nullable({ type: 'string', enum: [...KINDS] }),
      category: nullable(ref('Prediction')),
      genre: nullable(ref('Prediction')),
      bpm: nullable({ type: 'number' }),
      key: nullable({ type: 'string' }),
      note: nullable({ type: 'string' }),
      anomaly: ref('AnomalyInfo'),
      tags: { type: 'array', items: { type: 'string' } },
      favourite: { type: 'boolean' },
      error: nullable({ type: 'string' }),
      analysedAt: nullable({ type: 'number' }),
    },
  },
  SamplePage: {
    type: 'object',
    required: ['total', 'items'],
    properties: { total: { type: 'integer' }, items: { type: 'array', items: ref('SampleRecord') } },
  },
  SearchHit: {
    type: 'object',
    required: ['sample', 'distance'],
    properties: { sample: ref('SampleRecord'), distance: { type: 'number', description: 'Cosine distance; 0 is identical' } },
  },
  SearchResponse: {
    type: 'object',
    required: ['results', 'query'],
    properties: {
      results: {
        type: 'array',
        items: {
          type: 'object',
          description: 'The prototype fields (path, distance, category, genre) come first; labels are flattened to strings.',
          required: ['path', 'distance', 'id'],
          properties: {
            path: { type: 'string' },
            distance: { type: 'number' },
            category: nullable({ type: 'string' }),
            genre: nullable({ type: 'string' }),
            kind: nullable({ type: 'string', enum: [...KINDS] }),
            bpm: nullable({ type: 'number' }),
            key: nullable({ type: 'string' }),
            note: nullable({ type: 'string' }),
            durationSec: nullable({ type: 'number' }),
            id: { type: 'integer' },
          },
        },
      },
      query: {
        type: 'object',
        properties: { filename: { type: 'string' }, sizeBytes: { type: 'integer' }, n_results: { type: 'integer' } },
      },
    },
  },
  IndexProgress: {
    type: 'object',
    properties: {
      phase: { type: 'string', enum: ['scanning', 'analysing', 'finishing', 'done'] },
      total: { type: 'integer' },
      toAnalyse: { type: 'integer' },
      analysed: { type: 'integer' },
      failed: { type: 'integer' },
      unchanged: { type: 'integer' },
      moved: { type: 'integer' },
      removed: { type: 'integer' },
      filesPerSec: { type: 'number' },
      etaSec: nullable({ type: 'number' }),
      currentPath: nullable({ type: 'string' }),
    },
  },
};

const notFoundResponse = errorResponse('Unknown sample id');
const badRequestResponse = errorResponse('Malformed parameters');

export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sampledex',
      version,
      description:
        'Sample-library manager API. `/`, `/stats` and `/search` keep the Python prototype\'s shapes; ' +
        '`/api/call/{method}` reaches every LibraryApi method; the `/api/samples` routes are REST conveniences over the same calls.',
    },
    paths: {
      '/': {
        get: {
          summary: 'Service description, or the web app when a browser asks for text/html in web mode',
          responses: {
            '200': {
              description: 'Name, version and endpoint list (JSON), or index.html',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { name: { type: 'string' }, version: { type: 'string' }, endpoints: { type: 'array', items: { type: 'string' } } },
                  },
                },
                'text/html': { schema: { type: 'string' } },
              },
            },
          },
        },
      },
      '/stats': {
        get: { summary: 'Library statistics', responses: { '200': json(ref('Stats'), 'Statistics') } },
      },
      '/search': {
        post: {
          summary: 'Find the samples most similar to an uploaded audio file',
          description: 'Called like `curl -X POST -F "file=@sample.mp3" "http://localhost:8001/search?n_results=5"`.',
          parameters: [
            queryParameter('n_results', { type: 'integer', minimum: 1, maximum: 100, default: 5 }, 'How many results'),
            ...filterParameters,
          ],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
              },
            },
          },
          responses: {
            '200': json(ref('SearchResponse'), 'Most similar samples, nearest first'),
            '400': errorResponse('Bad n_results, malformed multipart body or missing "file" field'),
            '413': errorResponse('Upload over the size limit (50 MB by default)'),
            '415': errorResponse('Body is not multipart/form-data'),
            '422': errorResponse('The upload is not decodable audio'),
          },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } } },
      },
      '/api/call/{method}': {
        post: {
          summary: 'Call a LibraryApi method',
          description: 'Arguments are positional; Uint8Array arguments travel as {"$bytes": "<base64>"} (src-shared/transport.ts).',
          parameters: [{ name: 'method', in: 'path', required: true, schema: { type: 'string', enum: [...LIBRARY_METHODS] } }],
          requestBody: {
            required: false,
            content: { 'application/json': { schema: { type: 'object', properties: { args: { type: 'array' } } } } },
          },
          responses: {
            '200': json({ type: 'object', required: ['result'], properties: { result: {} } }, "The method's result"),
            '400': badRequestResponse,
            '404': errorResponse('Unknown method or id'),
            '413': errorResponse('Body too large'),
            '415': errorResponse('Body is not application/json'),
            '422': errorResponse('Audio bytes not decodable'),
          },
        },
      },
      '/api/events': {
        get: {
          summary: 'Server-Sent Events',
          description: 'Event `indexProgress` with IndexProgress JSON as data; comment lines as heartbeats.',
          responses: { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: ref('IndexProgress') } } } },
        },
      },
      '/api/samples': {
        get: {
          summary: 'List and filter samples',
          parameters: [
            queryParameter('text', { type: 'string' }, 'Words in the name or path'),
            ...filterParameters,
            queryParameter('genre', { type: 'string' }, 'Only this genre'),
            queryParameter('bpmMin', { type: 'number' }, 'Lowest tempo'),
            queryParameter('bpmMax', { type: 'number' }, 'Highest tempo'),
            queryParameter('key', { type: 'string' }, 'Musical key, e.g. "A minor"'),
            queryParameter('tag', { type: 'string' }, 'Only samples with this tag'),
            queryParameter('flagged', { type: 'boolean' }, 'Only anomalies'),
            queryParameter('failed', { type: 'boolean' }, 'Only files that failed analysis'),
            queryParameter('favourites', { type: 'boolean' }, 'Only favourites'),
            ...pageParameters,
          ],
          responses: { '200': json(ref('SamplePage'), 'One page of samples'), '400': badRequestResponse },
        },
      },
      '/api/samples/{id}': {
        get: {
          summary: 'One sample',
          parameters: [idParameter],
          responses: { '200': json(ref('SampleRecord'), 'The sample'), '404': notFoundResponse },
        },
      },
      '/api/samples/{id}/audio': {
        get: {
          summary: "The sample's audio file",
          description: 'Single byte ranges are honoured (206); a range past the end is 416.',
          parameters: [idParameter, { name: 'Range', in: 'header', required: false, schema: { type: 'string', example: 'bytes=0-1023' } }],
          responses: {
            '200': { description: 'The whole file', content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } } },
            '206': { description: 'The requested range', content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } } },
            '404': notFoundResponse,
            '416': errorResponse('Range not satisfiable'),
          },
        },
      },
      '/api/samples/{id}/similar': {
        get: {
          summary: 'Samples most similar to a catalogued sample',
          parameters: [idParameter, queryParameter('n', { type: 'integer', minimum: 1, maximum: 100, default: 5 }, 'How many'), ...filterParameters],
          responses: { '200': json({ type: 'array', items: ref('SearchHit') }, 'Nearest first'), '400': badRequestResponse, '404': notFoundResponse },
        },
      },
      '/api/samples/{id}/tags': {
        put: {
          summary: "Replace a sample's tags",
          parameters: [idParameter],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', required: ['tags'], properties: { tags: { type: 'array', items: { type: 'string' } } } } } },
          },
          responses: { '200': json(ref('SampleRecord'), 'The updated sample'), '400': badRequestResponse, '404': notFoundResponse },
        },
      },
      '/api/anomalies': {
        get: {
          summary: 'Samples flagged as anomalous',
          parameters: pageParameters,
          responses: { '200': json(ref('SamplePage'), 'One page of flagged samples'), '400': badRequestResponse },
        },
      },
    },
    components: { schemas },
  };
}
