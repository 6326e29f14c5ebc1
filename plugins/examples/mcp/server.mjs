// A small MCP server over stdio, built with the official SDK: the example of manifests/mcp.yaml.
// It runs on its own too: node plugins/examples/mcp/server.mjs (then speak JSON-RPC on stdin).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'example-calculator', version: '1.0.0' });

server.registerTool('add', { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } },
  async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));

server.registerTool('greet', { description: 'Greets someone by name', inputSchema: { name: z.string() } },
  async ({ name }) => ({ content: [{ type: 'text', text: `Hello, ${name}! (from ${process.env.GREETING_SOURCE ?? 'an MCP server'})` }] }));

await server.connect(new StdioServerTransport());
