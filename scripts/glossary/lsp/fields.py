"""The term schema as an editor needs it: the fields at each level, their descriptions, their allowed values,
and which lists hold mappings (roles, faq). Local `$ref`s (`#/$defs/slug`) are followed."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]
MAX_REFS = 10  # a chain of $refs longer than this is left unfollowed


class Fields:
    """A term schema, read for completion and hover."""

    def __init__(self, schema: Any) -> None:
        self.root: Json = schema if isinstance(schema, dict) else {}

    def _resolved(self, node: Any) -> Json:
        for _ in range(MAX_REFS):
            if not isinstance(node, dict):
                return {}
            ref = node.get("$ref")
            if not isinstance(ref, str) or not ref.startswith("#/"):
                return node
            target: Any = self.root
            for part in ref[2:].split("/"):
                target = target.get(part) if isinstance(target, dict) else None
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}} if isinstance(target, dict) else {}
        return node if isinstance(node, dict) else {}

    def _object(self, path: tuple[str, ...]) -> Json:
        """The object schema that holds the fields at `path`: the root for (), a list's items below it."""
        node = self.root
        for name in path:
            node = self._item(self._property(node, name))
        return node

    def _property(self, node: Json, name: str) -> Json:
        properties = node.get("properties")
        return self._resolved(properties.get(name)) if isinstance(properties, dict) else {}

    def _item(self, node: Json) -> Json:
        """A list's items, or the node itself."""
        return self._resolved(node.get("items")) if node.get("type") == "array" else node

    def node(self, path: tuple[str, ...]) -> Json:
        """The schema of the field at `path` (("roles", "role") is `role` in an item of `roles`)."""
        return self._property(self._object(path[:-1]), path[-1]) if path else {}

    def names(self, path: tuple[str, ...]) -> list[tuple[str, str, bool]]:
        """(name, description, required) of each field at the level `path` names (() for the top)."""
        node = self._object(path)
        properties = node.get("properties")
        required = node["required"] if isinstance(node.get("required"), list) else []
        return [(str(name), self.description(path + (str(name),)), name in required)
                for name in (properties if isinstance(properties, dict) else {})]

    def description(self, path: tuple[str, ...]) -> str:
        found = self.node(path).get("description")
        return found if isinstance(found, str) else ""

    def allowed(self, path: tuple[str, ...]) -> list[str]:
        """The allowed values of a field, or of its items when it is a list."""
        values = self._item(self.node(path)).get("enum")
        return [str(value) for value in values] if isinstance(values, list) else []

    def mapping_lists(self) -> frozenset[str]:
        """The top-level fields that are lists of mappings."""
        return frozenset(name for name, _, _ in self.names(())
                         if self._item(self.node((name,))).get("type") == "object")
