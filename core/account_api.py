"""/api/account/…: the signed-in user's password, API tokens and other sessions (Access tab)."""

from django.contrib.auth import update_session_auth_hash
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core import account_service as service
from core.api_docs import extend_schema

_TOKEN_FIELDS = {
    "id": serializers.CharField(help_text="the token's first characters"),
    "created": serializers.DateTimeField(),
    "expiry": serializers.DateTimeField(allow_null=True),
}
TOKENS = inline_serializer("ApiToken", _TOKEN_FIELDS, many=True)
NEW_TOKEN = inline_serializer(
    "NewApiToken", {**_TOKEN_FIELDS, "token": serializers.CharField(help_text="shown this once")}
)


class PasswordView(APIView):
    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses={204: None},
        summary="Change your password: {current_password, new_password} (Django's validators)",
    )
    def post(self, request: Request) -> Response:
        data = request.data if isinstance(request.data, dict) else {}
        service.change_password(
            request.user, data.get("current_password"), data.get("new_password")
        )
        update_session_auth_hash(request._request, request.user)  # this session stays signed in
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenListView(APIView):
    @extend_schema(responses=TOKENS, summary="Your API tokens (first characters, date)")
    def get(self, request: Request) -> Response:
        return Response(service.tokens(request.user))

    @extend_schema(
        request=None, responses={201: NEW_TOKEN}, summary="A new API token, shown this once"
    )
    def post(self, request: Request) -> Response:
        return Response(service.create_token(request.user), status=status.HTTP_201_CREATED)


class TokenDetailView(APIView):
    @extend_schema(responses={204: None}, summary="Revoke one of your API tokens")
    def delete(self, request: Request, token_id: str) -> Response:
        service.revoke_token(request.user, token_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class OtherSessionsView(APIView):
    @extend_schema(
        request=None,
        responses=inline_serializer("SessionsEnded", {"ended": serializers.IntegerField()}),
        summary="Sign out of your other sessions",
    )
    def post(self, request: Request) -> Response:
        ended = service.sign_out_other_sessions(request.user, request.session.session_key)
        return Response({"ended": ended})
